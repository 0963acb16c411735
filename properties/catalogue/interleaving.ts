import fc from 'fast-check';
import { edgeRequestArb } from '../arbitraries/edges';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { smallSizeArb } from '../arbitraries/sizes';
import { checkRestored, measureCapacity } from '../engine/capacity';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { constraintClauses } from './clauses-of';

/** Live allocations are named by position (modulo the live count), never by address, so traces shrink well. */
export type Step = { readonly op: 'alloc'; readonly shape: number; readonly size: bigint } | { readonly op: 'free'; readonly pick: number };

interface Input<S> {
  readonly gen: GeneratedMap;
  readonly shapes: ReadonlyArray<S>;
  readonly steps: ReadonlyArray<Step>;
}

export function stepsArb(pageSize: number, shapes: number, maxLength = 40): fc.Arbitrary<Step[]> {
  const alloc = fc.record({ op: fc.constant('alloc' as const), shape: fc.nat({ max: shapes - 1 }), size: smallSizeArb(pageSize) });
  const free = fc.record({ op: fc.constant('free' as const), pick: fc.nat({ max: 63 }) });
  return fc.array(fc.oneof({ weight: 3, arbitrary: alloc }, { weight: 2, arbitrary: free }), { minLength: 1, maxLength });
}

/**
 * A sequence of requests and releases on one small map until memory runs
 * out and back. After every step: no two live allocations share a byte,
 * every live allocation still holds its data. At the end, releasing
 * everything gives back the capacity measured at boot.
 */
export function interleavingProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<Input<S>> {
  return {
    name: `${fam.name}.interleaving`,
    clauses: [...constraintClauses(fam), 'dma.no-overlap', 'dma.data-integrity', 'dma.within-ram', 'dma.release-restores', fam.nullClause, ...fam.extraClauses],
    families: [fam.family],
    strength: 'MUST',
    runs: 60,
    // Half the maps are shaped around an edge of the first shape's constraints, so memory runs out right at it.
    arbitrary: () =>
      fc.array(fam.shapeArb, { minLength: 1, maxLength: 3 }).chain((shapes) =>
        fc
          .oneof(memoryMapArb(), edgeRequestArb(fc.constant(shapes[0]!), fam.constraints).map((r) => r.gen))
          .chain((gen) => fc.record({ gen: fc.constant(gen), shapes: fc.constant(shapes), steps: stepsArb(gen.pageSize, shapes.length) })),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, input.shapes);
      await s.boot();
      const boot = await measureCapacity(s);
      for (const step of input.steps) {
        if (step.op === 'alloc') {
          const got = await s.allocate(step.shape, step.size);
          if (got.kind === 'null') await s.verifyContents(fam.nullClause);
        } else {
          const l = s.live.pick(step.pick);
          if (l !== undefined) await s.release(l);
        }
        await s.verifyContents();
      }
      await checkRestored(s, boot);
    },
  };
}
