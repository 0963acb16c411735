import type { DmaConstraints } from '../../spec/constraints/types';
import type { FailureRegion, RegionAllocation } from '../harness/region';

/** A snapshot: the live list goes on changing after the failure is thrown. */
export function regionOf(run: RegionAllocation, live: ReadonlyArray<RegionAllocation>, constraints: DmaConstraints): FailureRegion {
  return { run, live: live.map(({ vaddr, size, segments }) => ({ vaddr, size, segments })), constraints };
}
