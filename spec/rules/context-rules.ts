import type { Context } from '../constants/context';
import { gfpMayBlock } from '../constants/linux';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../constants/svr5';
import type { ServiceName } from '../interface/implementation';

/**
 * How the documents judge a call from a context:
 * - allowed: the call is legitimate;
 * - forbidden: the documents rule it out and a conforming allocator reports it;
 * - unjudged: the documents disagree or are silent, so the suite accepts either
 *   (the reference takes the strict reading and reports it).
 */
export type ContextVerdict =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'forbidden' | 'unjudged'; readonly clause: string };

const ALLOWED: ContextVerdict = { kind: 'allowed' };

/** Services whose flag says whether they may block. */
const SLEEP_FLAGGED: ReadonlyArray<ServiceName> = [
  'physreq_alloc',
  'physreq_prep',
  'kmem_alloc_physcontig',
  'kmem_alloc_physreq',
  'kmem_zalloc_physreq',
  'kmem_alloc_phys',
];

/** True when the flag lets the service block (kmem_alloc_phys: flags 0 blocks, KM_FAIL_OK does not). */
export function mayBlock(service: ServiceName, flag: number | undefined): boolean {
  if (service === 'kmem_alloc_phys') return flag !== KM_FAIL_OK;
  return flag === KM_SLEEP;
}

export function isNoSleepFlag(service: ServiceName, flag: number): boolean {
  return service === 'kmem_alloc_phys' ? flag === KM_FAIL_OK : flag === KM_NOSLEEP;
}

function sleepClause(service: ServiceName): string {
  return service === 'kmem_alloc_physcontig' ? 'kmem_alloc_physcontig.context-sleep' : 'svr5.km-sleep-context';
}

export function contextVerdict(service: ServiceName, ctx: Context, flag?: number): ContextVerdict {
  switch (service) {
    case 'd_map_init':
    case 'd_alloc_dmamem': {
      const clause = `${service}.process-environment`;
      if (ctx === 'process') return ALLOWED;
      return { kind: ctx === 'interrupt' ? 'forbidden' : 'unjudged', clause };
    }
    case 'd_map_clear':
    case 'd_free_dmamem':
      return ALLOWED;
    default:
      break;
  }
  const linux = linuxVerdict(service, ctx, flag);
  if (linux !== null) return linux;
  if (!SLEEP_FLAGGED.includes(service) || !mayBlock(service, flag)) return ALLOWED;
  const clause = sleepClause(service);
  if (ctx === 'user' || ctx === 'blockable') return ALLOWED;
  if (ctx === 'interrupt' || ctx === 'non-blockable') return { kind: 'forbidden', clause };
  return { kind: 'unjudged', clause };
}

/**
 * Linux: the documents name what may be called from interrupt context and
 * what needs a context that can sleep, but never that a wrong call is
 * detected, so every call they rule out is unjudged (the reference reports
 * it). Null for services of the other families.
 */
function linuxVerdict(service: ServiceName, ctx: Context, gfp?: number): ContextVerdict | null {
  const sleepable = ctx === 'process';
  switch (service) {
    case 'dma_set_mask':
    case 'dma_set_coherent_mask':
    case 'dma_set_mask_and_coherent':
    case 'dma_pool_free':
      return ALLOWED;
    case 'dma_alloc_coherent':
    case 'dma_pool_alloc':
    case 'dma_pool_zalloc':
      return sleepable || !gfpMayBlock(gfp ?? -1) ? ALLOWED : { kind: 'unjudged', clause: 'linux.gfp-kernel-context' };
    case 'dma_free_coherent':
      return sleepable ? ALLOWED : { kind: 'unjudged', clause: 'dma_free_coherent.context' };
    case 'dma_pool_create':
    case 'dma_pool_destroy':
      return sleepable ? ALLOWED : { kind: 'unjudged', clause: `${service}.context` };
    default:
      return null;
  }
}
