import { AIX_ENVIRONMENTS, LINUX_CONTEXTS, SVR5_CONTEXTS, type Context } from '../../../spec/constants/context';
import { GFP_ATOMIC, GFP_KERNEL } from '../../../spec/constants/linux';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../../spec/constants/svr5';
import { FAMILY_SERVICES, type ServiceName } from '../../../spec/interface/implementation';
import { contextVerdict, type ContextVerdict } from '../../../spec/rules/context-rules';
import { code, mdTable } from './markdown';

const AIX_SERVICES: ReadonlyArray<ServiceName> = ['d_map_init', 'd_map_clear', 'd_alloc_dmamem', 'd_free_dmamem'];

export const isAixService = (s: ServiceName) => AIX_SERVICES.includes(s);
export const isLinuxService = (s: ServiceName) => FAMILY_SERVICES.linux.includes(s);
const GFP_TAKING: ReadonlyArray<ServiceName> = ['dma_alloc_coherent', 'dma_pool_alloc', 'dma_pool_zalloc'];

/** The flag values that change what a context may do, as the service spells them. */
function flagsOf(service: ServiceName): ReadonlyArray<readonly [string, number | undefined]> {
  if (service === 'kmem_alloc_phys') return [['flags 0 (may block)', 0], ['KM_FAIL_OK', KM_FAIL_OK]];
  if (isAixService(service)) return [['', undefined]];
  if (isLinuxService(service)) return GFP_TAKING.includes(service) ? [['GFP_KERNEL', GFP_KERNEL], ['GFP_ATOMIC', GFP_ATOMIC]] : [['', undefined]];
  const probe = SVR5_CONTEXTS.some((ctx) => contextVerdict(service, ctx, KM_SLEEP).kind !== 'allowed');
  return probe ? [['KM_SLEEP', KM_SLEEP], ['KM_NOSLEEP', KM_NOSLEEP]] : [['', undefined]];
}

function verdictText(v: ContextVerdict): string {
  if (v.kind === 'allowed') return 'allowed';
  if (v.kind === 'forbidden') return `forbidden: report ${code(v.clause)}`;
  return `either answer conforms (${code(v.clause)})`;
}

/** The context table of one service, computed from spec/rules/context-rules.ts. */
export function contextTable(service: ServiceName): string[] {
  const contexts: ReadonlyArray<Context> = isAixService(service) ? AIX_ENVIRONMENTS : isLinuxService(service) ? LINUX_CONTEXTS : SVR5_CONTEXTS;
  const flags = flagsOf(service);
  const head = ['Context', ...flags.map(([name]) => (name === '' ? 'Verdict' : name))];
  return mdTable(
    head,
    contexts.map((ctx) => [ctx, ...flags.map(([, flag]) => verdictText(contextVerdict(service, ctx, flag)))]),
  );
}
