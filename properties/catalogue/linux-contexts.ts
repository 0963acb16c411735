import { LINUX_CONTEXTS, type Context } from '../../spec/constants/context';
import { GFP_ATOMIC, GFP_KERNEL } from '../../spec/constants/linux';
import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import { Session } from '../engine/session';
import { coherentFamily } from '../families/linux-coherent';
import { cpuOf, dmaOf } from '../families/linux-pairs';
import { linuxPoolFamily } from '../families/linux-pool';
import type { Driver } from '../harness/driver';
import { fail } from '../harness/failures';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

type Call = 'coherent-atomic' | 'coherent-kernel' | 'coherent-free' | 'pool-create' | 'pool-atomic' | 'pool-zalloc-atomic' | 'pool-free' | 'pool-destroy';

/** The clause that allows a call in every context; other calls are allowed from process context only, elsewhere unjudged. */
const EVERYWHERE: Partial<Record<Call, string>> = {
  'coherent-atomic': 'dma_alloc_coherent.atomic-anywhere',
  'pool-atomic': 'dma_pool_alloc.atomic-anywhere',
  'pool-zalloc-atomic': 'dma_pool_alloc.atomic-anywhere',
  'pool-free': 'dma_pool_free.any-context',
};
/** The clause that allows a call from process context, the one context every Linux call may be made from. */
const IN_PROCESS: Record<Call, string> = {
  'coherent-atomic': 'dma_alloc_coherent.atomic-anywhere',
  'coherent-kernel': 'linux.gfp-kernel-context',
  'coherent-free': 'dma_free_coherent.context',
  'pool-create': 'dma_pool_create.context',
  'pool-atomic': 'dma_pool_alloc.atomic-anywhere',
  'pool-zalloc-atomic': 'dma_pool_alloc.atomic-anywhere',
  'pool-free': 'dma_pool_free.any-context',
  'pool-destroy': 'dma_pool_destroy.context',
};
const CALLS: ReadonlyArray<Call> = ['coherent-atomic', 'coherent-kernel', 'coherent-free', 'pool-create', 'pool-atomic', 'pool-zalloc-atomic', 'pool-free', 'pool-destroy'];

interface ContextCase {
  readonly call: Call;
  readonly ctx: Context;
}

/**
 * One call made from one context on a fresh plain map, with one block and
 * one coherent region already live. A call the documents allow there is
 * served (an allocation gets memory); any other may be refused or served,
 * and either way live memory keeps its data.
 */
async function check(d: Driver, c: ContextCase): Promise<void> {
  const coherent = new Session(d, coherentFamily, PLAIN_MAP, [coherentFamily.probeShape]);
  await coherent.boot();
  const pools = new Session(d, linuxPoolFamily, PLAIN_MAP, [linuxPoolFamily.probeShape]);
  const region = await coherent.allocate(0, 4096n);
  const block = await pools.allocate(0, 0n);
  if (region.kind !== 'memory' || block.kind !== 'memory') return;
  const dev = (await coherent.token(0))!;
  const pool = (await pools.token(0))!;
  const allowed = c.ctx === 'process' ? IN_PROCESS[c.call] : EVERYWHERE[c.call];
  const what = `${c.call} from ${c.ctx} context`;
  let refused = false as boolean;
  let served = 'none' as 'memory' | 'null' | 'none';
  const alloc = async (service: string, args: unknown[], session: Session<unknown>, token: number, size: bigint) => {
    const o = cpuOf(d, await d.call(service as 'dma_alloc_coherent', c.ctx, args), service, 'dma_alloc_coherent.null-on-failure');
    if (o.kind === 'violation') refused = true;
    else if (o.kind === 'value') served = (await session.judge(o, token, 0, size)).kind === 'memory' ? 'memory' : 'null';
  };
  switch (c.call) {
    case 'coherent-atomic':
    case 'coherent-kernel':
      await alloc('dma_alloc_coherent', [dev, 4096n, c.call === 'coherent-atomic' ? GFP_ATOMIC : GFP_KERNEL], coherent as Session<unknown>, dev, 4096n);
      break;
    case 'pool-atomic':
    case 'pool-zalloc-atomic':
      await alloc(c.call === 'pool-atomic' ? 'dma_pool_alloc' : 'dma_pool_zalloc', [pool, GFP_ATOMIC], pools as Session<unknown>, pool, linuxPoolFamily.probeShape.size);
      break;
    case 'coherent-free': {
      const o = await d.call('dma_free_coherent', c.ctx, [dev, region.live.size, region.live.vaddr, dmaOf(d, region.live.vaddr)]);
      refused = o.kind === 'violation';
      if (!refused) coherent.live.remove(region.live);
      break;
    }
    case 'pool-free': {
      const o = await d.call('dma_pool_free', c.ctx, [pool, block.live.vaddr, dmaOf(d, block.live.vaddr)]);
      refused = o.kind === 'violation';
      if (!refused) pools.live.remove(block.live);
      break;
    }
    case 'pool-create': {
      const o = await d.call<number | null>('dma_pool_create', c.ctx, ['ctx', dev, 64n, 8n, 0n]);
      refused = o.kind === 'violation' || (o.kind === 'value' && o.value === null);
      break;
    }
    case 'pool-destroy': {
      const other = await d.call<number | null>('dma_pool_create', 'process', ['ctx', dev, 64n, 8n, 0n]);
      if (other.kind !== 'value' || other.value === null) return;
      refused = (await d.call('dma_pool_destroy', c.ctx, [other.value])).kind === 'violation';
      break;
    }
  }
  if (allowed !== undefined && (refused || served === 'null')) fail(allowed, `${what} was ${refused ? 'refused' : 'answered NULL on a fresh system'}`);
  await coherent.verifyContents('dma.misuse-harmless');
  await pools.verifyContents('dma.misuse-harmless');
}

/** Every Linux call from every context: all served from process context, GFP_ATOMIC and dma_pool_free anywhere, the rest elsewhere judged only by their harmlessness. */
export function linuxContextProperty(): ConformanceProperty<null> {
  return enumeratedProperty<ContextCase>({
    name: 'dma-api.contexts-each',
    clauses: [...new Set([...Object.values(EVERYWHERE), ...Object.values(IN_PROCESS)]), 'dma.misuse-harmless'],
    families: ['linux'],
    cases: CALLS.flatMap((call) => LINUX_CONTEXTS.map((ctx) => ({ label: `${call} from ${ctx}`, input: { call, ctx } }))),
    check,
  });
}
