import fc from 'fast-check';
import type { PhysreqFields } from '../../spec/constraints/types';
import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { constraintClauses } from './clauses-of';

interface Input {
  readonly boundary: bigint;
  readonly align: bigint;
  /** Requests made first with the same physreq: a byte-granular allocator starts the next one off the boundary grid. */
  readonly before: ReadonlyArray<bigint>;
  readonly size: bigint;
}

/** A size from 2 bytes to the boundary, biased to its ends and the middle. */
const upTo = (b: bigint, min: bigint) => fc.oneof(fc.constantFrom(min, b / 2n + 1n, b - 1n, b).filter((n) => n >= min), fc.bigInt({ min, max: b }));

const inputArb: fc.Arbitrary<Input> = fc.integer({ min: 1, max: 11 }).chain((e) => {
  const b = 1n << BigInt(e);
  return fc.record({
    boundary: fc.constant(b),
    align: fc.integer({ min: 0, max: Math.min(e, 3) }).map((a) => 1n << BigInt(a)),
    before: fc.array(upTo(b, 1n), { minLength: 1, maxLength: 3 }),
    size: upTo(b, 2n),
  });
});

/**
 * Boundaries below a page with requests that fit them: a page-granular
 * allocator meets these by starting every request on a page, but a
 * byte-granular one packs small requests, so the start it picks for the
 * last one is rarely on the boundary grid, and it must move it past the
 * boundary (or elsewhere) whenever the request would cross it. Every
 * request is judged; the first ones shift the last one's start.
 */
export function subPageBoundaryProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<Input> {
  return {
    name: `${fam.name}.sub-page-boundary`,
    clauses: [...constraintClauses(fam), 'dma.within-ram', 'dma.no-overlap', 'dma.data-integrity', ...fam.extraClauses],
    families: [fam.family],
    strength: 'MUST',
    runs: 15,
    arbitrary: () => inputArb,
    async run(d, input) {
      const shape = { ...fam.probeShape, phys_boundary: input.boundary, phys_align: input.align };
      const s = new Session(d, fam, PLAIN_MAP, [shape]);
      await s.boot();
      for (const size of [...input.before, input.size]) await s.allocate(0, size);
      await s.verifyContents();
      await s.releaseAll();
    },
  };
}
