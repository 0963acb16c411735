import fc from 'fast-check';
import type { Context } from '../../spec/constants/context';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { poolShapeArb, type PoolShape } from '../families/linux-pool';
import type { FamilyAdapter } from '../families/types';
import { fail } from '../harness/failures';
import type { ConformanceProperty } from '../types';

type Step = { readonly op: 'alloc'; readonly pool: number; readonly ctx: Context; readonly kernel: boolean } | { readonly op: 'free'; readonly pick: number; readonly ctx: Context };

interface BlocksInput {
  readonly gen: GeneratedMap;
  readonly shapes: ReadonlyArray<PoolShape>;
  readonly steps: ReadonlyArray<Step>;
}

const ctxArb = fc.constantFrom<Context>('process', 'process', 'atomic', 'interrupt');

function stepsArb(pools: number): fc.Arbitrary<Step[]> {
  const alloc = fc.record({ op: fc.constant('alloc' as const), pool: fc.integer({ min: 0, max: pools - 1 }), ctx: ctxArb, kernel: fc.boolean() });
  const free = fc.record({ op: fc.constant('free' as const), pick: fc.nat(), ctx: ctxArb });
  return fc.array(fc.oneof({ arbitrary: alloc, weight: 3 }, { arbitrary: free, weight: 2 }), { minLength: 5, maxLength: 40 });
}

/**
 * Pools of one to three shapes on any map, blocks taken (GFP_KERNEL from
 * process context, GFP_ATOMIC from any) and given back (from any context,
 * interrupts included) in any order: every block has the pool's size and
 * alignment, never crosses its boundary, is coherent memory below the mask
 * (one run from its DMA address), overlaps no other live block, keeps its
 * data, and for zalloc reads as zeros; a pool whose blocks are all back is
 * destroyed without complaint.
 */
export function poolBlocksProperty(fam: FamilyAdapter<PoolShape>): ConformanceProperty<BlocksInput> {
  return {
    name: `${fam.name}.blocks`,
    clauses: ['dma_pool_alloc.size-align', 'dma_pool_alloc.boundary', 'dma_pool_alloc.coherent', 'dma_pool_alloc.atomic-anywhere', 'dma_pool_free.any-context', 'dma_pool_destroy.all-freed', 'dma.no-overlap', 'dma.data-integrity', 'dma.within-ram', 'dma.release-restores', ...fam.extraClauses],
    families: [fam.family],
    strength: 'MUST',
    runs: 60,
    arbitrary: () =>
      fc.array(poolShapeArb, { minLength: 1, maxLength: 3 }).chain((shapes) =>
        fc.record({ gen: memoryMapArb(), shapes: fc.constant(shapes), steps: stepsArb(shapes.length) }),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, input.shapes);
      await s.boot();
      for (const step of input.steps) {
        if (step.op === 'free') {
          const l = s.live.pick(step.pick);
          if (l !== undefined) await s.release(l, step.ctx === 'process' ? 'dma.release-restores' : 'dma_pool_free.any-context', step.ctx);
          continue;
        }
        const token = await s.token(step.pool);
        if (token === null) continue;
        const shape = input.shapes[step.pool]!;
        const kernel = step.kernel && step.ctx === 'process';
        const o = await fam.allocate(d, token, shape, shape.size, kernel, step.ctx);
        if (o.kind === 'violation') fail('dma_pool_alloc.atomic-anywhere', `${fam.allocService}(${kernel ? 'GFP_KERNEL' : 'GFP_ATOMIC'}) from ${step.ctx} context was reported as violating ${o.clause}`);
        if (o.kind === 'pending') fail('dma_pool_alloc.atomic-anywhere', `${fam.allocService} is still waiting`);
        await s.judge(o, token, step.pool, shape.size);
      }
      await s.verifyContents();
      await s.releaseAll();
      for (let i = 0; i < input.shapes.length; i++) {
        const pool = await s.token(i);
        if (pool === null) continue;
        const o = await d.call('dma_pool_destroy', 'process', [pool]);
        if (o.kind === 'violation') fail('dma_pool_destroy.all-freed', `destroying pool ${pool}, every block of which is back, was reported as violating ${o.clause}`);
      }
    },
  };
}
