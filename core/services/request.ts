import type { DmaConstraints } from '../../spec/constraints/types';
import type { PlacementRequest } from '../contract';

/**
 * The one physical range the shell asks the core for. The shell always asks
 * for a single run, which meets every constraint of a contiguous request
 * as it stands. A request that may scatter has its boundary only as a limit
 * on scatter/gather entries, so the run is placed to need few enough: within
 * one boundary window when it fits in one, else starting on a boundary.
 * Asking for more than the caller needs is never wrong; the properties
 * still judge the answer against the caller's own constraints.
 */
export function coreRequest(size: bigint, c: DmaConstraints): PlacementRequest {
  const base = { size, align: c.alignment, boundary: c.boundary, lowest: c.noZeroAddress ? 1n : 0n, highest: c.maxAddress };
  if (c.contiguous || c.boundary === 0n) return base;
  if (c.maxSegments === 0) return { ...base, boundary: 0n };
  if (size <= c.boundary) return base;
  return { ...base, align: c.alignment > c.boundary ? c.alignment : c.boundary, boundary: 0n };
}
