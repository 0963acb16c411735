import { hex } from '../address/u64';
import type { DmaConstraints, PhysSegment } from '../constraints/types';
import { crossesBoundary, isAligned, touchesAddressZero, withinAddressLimit } from './placement';
import { boundaryPieceCount, coalesceSegments, totalLength } from './segments';

/** Which constraint a placement breaks; the property layer maps each to a clause. */
export type ConstraintKind =
  | 'length'
  | 'alignment'
  | 'virtual-alignment'
  | 'boundary'
  | 'address-limit'
  | 'zero-address'
  | 'contiguity'
  | 'segment-count';

export interface ConstraintBreach {
  readonly kind: ConstraintKind;
  readonly detail: string;
}

/**
 * Every way the physical segments behind an allocation at `virtual` of
 * `size` bytes break the constraints. Empty means the placement conforms.
 */
export function checkPlacement(
  virtual: bigint,
  size: bigint,
  segments: ReadonlyArray<PhysSegment>,
  c: DmaConstraints,
): ConstraintBreach[] {
  const breaches: ConstraintBreach[] = [];
  const runs = coalesceSegments(segments);
  const covered = totalLength(runs);
  if (covered !== size) breaches.push({ kind: 'length', detail: `segments cover ${hex(covered)} bytes, not ${hex(size)}` });
  const first = runs[0];
  if (first !== undefined && !isAligned(first.phys, c.alignment)) {
    breaches.push({ kind: 'alignment', detail: `physical start ${hex(first.phys)} is not a multiple of ${hex(c.alignment)}` });
  }
  if (!isAligned(virtual, c.virtualAlignment)) {
    breaches.push({ kind: 'virtual-alignment', detail: `virtual start ${hex(virtual)} is not a multiple of ${hex(c.virtualAlignment)}` });
  }
  if (c.contiguous && runs.length > 1) {
    breaches.push({ kind: 'contiguity', detail: `${runs.length} physical runs, first ${hex(runs[0]!.phys)} then ${hex(runs[1]!.phys)}` });
  }
  // A scatter/gather list can split a run at a boundary, so for a
  // non-contiguous allocation the boundary only adds list entries. When the
  // runs alone fit the list and only the splits overflow it, what broke is
  // the boundary (a run spans it), and that is what the breach is called.
  const entries = c.contiguous ? BigInt(runs.length) : boundaryPieceCount(runs, c.boundary);
  if (c.maxSegments > 0 && entries > BigInt(c.maxSegments)) {
    const kind = runs.length > c.maxSegments ? 'segment-count' : 'boundary';
    breaches.push({ kind, detail: `needs ${entries} scatter/gather entries, more than ${c.maxSegments}${kind === 'boundary' ? `, because ${runs.length === 1 ? 'its run spans' : `its ${runs.length} runs span`} multiples of ${hex(c.boundary)}` : ''}` });
  }
  for (const r of runs) {
    if (!withinAddressLimit(r.phys, r.length, c.maxAddress)) {
      breaches.push({ kind: 'address-limit', detail: `run ${hex(r.phys)}+${hex(r.length)} ends above ${hex(c.maxAddress)}` });
    }
    if (c.contiguous && crossesBoundary(r.phys, r.length, c.boundary)) {
      breaches.push({ kind: 'boundary', detail: `run ${hex(r.phys)}+${hex(r.length)} spans a multiple of ${hex(c.boundary)}` });
    }
    if (c.noZeroAddress && touchesAddressZero(r.phys, r.length)) {
      breaches.push({ kind: 'zero-address', detail: 'a byte lies at physical address 0' });
    }
  }
  return breaches;
}
