import type { CoreRange, PlacementCore, PlacementRequest } from '../contract';
import type { ExecCore } from './exec-core';

/**
 * One property's use of a core process that serves many: the same core,
 * except that dispose() hands the process back (release) instead of ending
 * it, and a call after that is refused, so a finished property cannot touch
 * the placements of the next.
 */
export function leaseCore(core: ExecCore, release: () => void): PlacementCore {
  let returned = false;
  const live = (): ExecCore => {
    if (returned) throw new Error(`${core.name}: the core was called after its property was over`);
    return core;
  };
  const lease: PlacementCore = {
    name: core.name,
    supports: core.supports,
    init: (ranges: ReadonlyArray<CoreRange>, pageSize: number) => live().init(ranges, pageSize),
    alloc: (r: PlacementRequest) => live().alloc(r),
    free: (address: bigint, size: bigint) => live().free(address, size),
    dispose: () => {
      if (returned) return;
      returned = true;
      release();
    },
  };
  const { read, write } = core;
  if (read !== undefined && write !== undefined) {
    Object.assign(lease, {
      read: (address: bigint, length: number) => (live(), read(address, length)),
      write: (address: bigint, data: Uint8Array) => (live(), write(address, data)),
    });
  }
  return lease;
}
