import type { DmaConstraints } from '../../spec/constraints/types';
import { checkPlacement } from '../../spec/predicates/check';
import type { FrameExtent, RunRequest } from '../frames/extent';
import type { FrameAllocator } from '../frames/frame-allocator';

/**
 * Turns byte constraints into frame terms and takes frames for one request.
 * Requests are whole pages: alignments and boundaries below a page are met by
 * any page-aligned start, given the size checks made before placement.
 */
export function runRequestFor(c: DmaConstraints, frames: number, pageSize: bigint): RunRequest | null {
  const maxFrame = lastFrameBelow(c.maxAddress, pageSize);
  if (maxFrame < 0) return null;
  return {
    frames,
    alignFrames: c.alignment > pageSize ? Number(c.alignment / pageSize) : 1,
    boundaryFrames: c.boundary > pageSize ? Number(c.boundary / pageSize) : 0,
    minFrame: c.noZeroAddress ? 1 : 0,
    maxFrame,
  };
}

// Nearly every request repeats the previous address limit (2^64 - 1 or 2^32 - 1), so one
// remembered answer spares the bigint arithmetic that otherwise dominates this function.
let memoMax = -1n;
let memoPage = 0n;
let memoFrame = -1;

/** The last whole frame at or below maxAddress, or -1 when there is none. */
function lastFrameBelow(maxAddress: bigint, pageSize: bigint): number {
  if (maxAddress !== memoMax || pageSize !== memoPage) {
    const last = (maxAddress + 1n) / pageSize - 1n;
    memoFrame = last < 0n ? -1 : Number(last);
    memoMax = maxAddress;
    memoPage = pageSize;
  }
  return memoFrame;
}

export function placeContiguous(frames: FrameAllocator, req: RunRequest): FrameExtent[] | null {
  const start = frames.allocRun(req);
  return start === null ? null : [{ start, count: req.frames }];
}

/**
 * A request that may be scattered: one run if one fits, otherwise pieces of
 * the free extents, lowest first (or single random frames when the free list
 * is randomised). The plan is checked against the constraints with the same
 * predicate the properties use, and abandoned if the segment limit is broken.
 *
 * Pieces are whole physical runs: frames taken next to the previous piece
 * extend it, and runs are not cut at boundaries (the check counts the
 * scatter/gather entries a boundary adds; the device's list does the cutting).
 * A multi-GiB request on a fragmented or boundary-bound map then costs one
 * piece per free extent it draws on, never one per page or per boundary.
 */
export function placeScattered(
  frames: FrameAllocator,
  req: RunRequest,
  c: DmaConstraints,
  size: bigint,
  pageSize: bigint,
  rng: (() => number) | null,
): FrameExtent[] | null {
  const whole = placeContiguous(frames, req);
  if (whole !== null) return whole;
  const first = frames.allocRun({ ...req, frames: 1 });
  if (first === null) return null;
  const taken: FrameExtent[] = [{ start: first, count: 1 }];
  const ok = rng !== null ? takeRandom(frames, req, taken, rng) : takeLowest(frames, req, taken);
  if (ok) {
    const segments = taken.map((r) => ({ phys: BigInt(r.start) * pageSize, length: BigInt(r.count) * pageSize }));
    const lastExtra = BigInt(req.frames) * pageSize - size;
    const last = segments[segments.length - 1]!;
    segments[segments.length - 1] = { phys: last.phys, length: last.length - lastExtra };
    if (checkPlacement(0n, size, segments, { ...c, virtualAlignment: 1n }).length === 0) return taken;
  }
  for (const r of taken) frames.free(r.start, r.count);
  return null;
}

function takeLowest(frames: FrameAllocator, req: RunRequest, taken: FrameExtent[]): boolean {
  let remaining = req.frames - 1;
  const lo = req.minFrame ?? 0;
  const hi = req.maxFrame ?? Number.MAX_SAFE_INTEGER;
  for (const ext of frames.snapshot()) {
    if (remaining === 0) break;
    const s = Math.max(ext.start, lo);
    const e = Math.min(ext.start + ext.count - 1, hi);
    if (s > e) continue;
    const take = Math.min(remaining, e - s + 1);
    frames.allocAt(s, take);
    extend(taken, s, take);
    remaining -= take;
  }
  return remaining === 0;
}

function takeRandom(frames: FrameAllocator, req: RunRequest, taken: FrameExtent[], rng: () => number): boolean {
  for (let i = 1; i < req.frames; i++) {
    const f = frames.allocRandomFrame(rng, { minFrame: req.minFrame ?? 0, maxFrame: req.maxFrame ?? Number.MAX_SAFE_INTEGER });
    if (f === null) return false;
    extend(taken, f, 1);
  }
  return true;
}

/** Appends frames start .. start + count - 1 in virtual order, merged into the last piece when they follow it physically. */
function extend(taken: FrameExtent[], start: number, count: number): void {
  const last = taken[taken.length - 1];
  if (last !== undefined && last.start + last.count === start) taken[taken.length - 1] = { start: last.start, count: last.count + count };
  else taken.push({ start, count });
}
