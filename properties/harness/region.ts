import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';

/** One allocation as a picture of memory needs it: where it is and the physical runs behind it. */
export interface RegionAllocation {
  readonly vaddr: bigint;
  readonly size: bigint;
  readonly segments: ReadonlyArray<PhysSegment>;
}

/**
 * Where in memory a clause was broken, when the judge knows: the offending
 * allocation, those live beside it, and the constraints it was held to.
 * It lets a report draw the failure instead of only describing it.
 */
export interface FailureRegion {
  readonly run?: RegionAllocation;
  readonly live: ReadonlyArray<RegionAllocation>;
  readonly constraints?: DmaConstraints;
}
