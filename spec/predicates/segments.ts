import type { PhysSegment } from '../constraints/types';

/** Merges physically adjacent neighbours, keeping virtual order. */
export function coalesceSegments(segments: ReadonlyArray<PhysSegment>): PhysSegment[] {
  const out: PhysSegment[] = [];
  for (const s of segments) {
    if (s.length === 0n) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.phys + last.length === s.phys) {
      out[out.length - 1] = { phys: last.phys, length: last.length + s.length };
    } else {
      out.push({ phys: s.phys, length: s.length });
    }
  }
  return out;
}

/** One physical run, in virtual order, covering the whole range. */
export function isContiguous(segments: ReadonlyArray<PhysSegment>): boolean {
  return coalesceSegments(segments).length <= 1;
}

export function totalLength(segments: ReadonlyArray<PhysSegment>): bigint {
  return segments.reduce((sum, s) => sum + s.length, 0n);
}

/**
 * How many pieces splitAtBoundaries would make of the non-empty segments,
 * counted without making them: a multi-GiB run under a page-sized boundary
 * would otherwise cost an object per boundary just to be counted.
 */
export function boundaryPieceCount(segments: ReadonlyArray<PhysSegment>, boundary: bigint): bigint {
  let n = 0n;
  for (const s of segments) {
    if (s.length === 0n) continue;
    n += boundary === 0n ? 1n : (s.phys + s.length - 1n) / boundary - s.phys / boundary + 1n;
  }
  return n;
}

/** Splits runs wherever they span a multiple of `boundary` (0: unchanged). */
export function splitAtBoundaries(segments: ReadonlyArray<PhysSegment>, boundary: bigint): PhysSegment[] {
  if (boundary === 0n) return segments.slice();
  const out: PhysSegment[] = [];
  for (const s of segments) {
    let phys = s.phys;
    let left = s.length;
    while (left > 0n) {
      const room = boundary - (phys % boundary);
      const take = left < room ? left : room;
      out.push({ phys, length: take });
      phys += take;
      left -= take;
    }
  }
  return out;
}
