import fc from 'fast-check';
import { edgeRequestArb } from '../arbitraries/edges';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { sizeArb } from '../arbitraries/sizes';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { constraintClauses } from './clauses-of';

export interface PlacementInput<S> {
  readonly gen: GeneratedMap;
  readonly shape: S;
  readonly size: bigint;
}

/**
 * One request on a fresh allocator: whatever memory comes back meets the
 * request's alignment, contiguity, limits and boundary, lies in RAM, holds
 * data and can be released.
 */
export function placementProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<PlacementInput<S>> {
  return {
    name: `${fam.name}.placement`,
    clauses: [...constraintClauses(fam), 'dma.within-ram', 'dma.data-integrity', ...fam.extraClauses],
    families: [fam.family],
    strength: 'MUST',
    runs: 150,
    // Half the runs anywhere on any map (GiB and TiB ones too), half aimed at an edge of the request's own constraints.
    arbitrary: () =>
      fc.oneof(
        memoryMapArb({ large: true }).chain((gen) => fc.record({ gen: fc.constant(gen), shape: fam.shapeArb, size: sizeArb(gen.pageSize) })),
        edgeRequestArb(fam.shapeArb, fam.constraints),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, [input.shape]);
      await s.boot();
      const got = await s.allocate(0, input.size);
      if (got.kind !== 'memory') return;
      await s.verifyContents();
      await s.release(got.live);
    },
  };
}
