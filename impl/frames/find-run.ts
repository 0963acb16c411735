import type { FrameExtent, RunRequest } from './extent';

/** A RunRequest with every default filled in and every field checked. */
export interface ResolvedRunRequest {
  readonly frames: number;
  readonly alignFrames: number;
  readonly boundaryFrames: number;
  readonly minFrame: number;
  readonly maxFrame: number;
}

/**
 * Alignments and boundaries arrive from byte values as large as 2^63, so
 * they may exceed the safe-integer range; a power of two is still exact.
 */
function isPowerOfTwoNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value === 2 ** Math.round(Math.log2(value));
}

function checkFrame(api: string, what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${api}: ${what} ${value} is not a non-negative integer`);
}

/** Fills defaults and rejects malformed requests (an unsatisfiable but well-formed one is not an error). */
export function resolveRunRequest(req: RunRequest, api = 'allocRun'): ResolvedRunRequest {
  const { frames, alignFrames = 1, boundaryFrames = 0, minFrame = 0, maxFrame = Number.MAX_SAFE_INTEGER } = req;
  if (!Number.isSafeInteger(frames) || frames < 1) throw new RangeError(`${api}: frames ${frames} is not a positive integer`);
  if (!isPowerOfTwoNumber(alignFrames)) throw new RangeError(`${api}: alignFrames ${alignFrames} is not a power of two`);
  if (boundaryFrames !== 0 && !isPowerOfTwoNumber(boundaryFrames)) {
    throw new RangeError(`${api}: boundaryFrames ${boundaryFrames} is neither 0 nor a power of two`);
  }
  checkFrame(api, 'minFrame', minFrame);
  checkFrame(api, 'maxFrame', maxFrame);
  return { frames, alignFrames, boundaryFrames, minFrame, maxFrame };
}

/** Whether no run of the request can exist anywhere, whatever is free. */
export function isUnsatisfiable(r: ResolvedRunRequest): boolean {
  return (r.boundaryFrames !== 0 && r.frames > r.boundaryFrames) || r.minFrame > r.maxFrame || r.frames - 1 > r.maxFrame - r.minFrame;
}

/**
 * The lowest start inside the free extent [start, start + count) that
 * satisfies the request, or null. Arithmetic only, so the cost does not grow
 * with the extent's size, the run's length or the alignment.
 */
export function firstFitIn(extentStart: number, extentCount: number, r: ResolvedRunRequest): number | null {
  const n = r.frames;
  const extentLast = extentStart + extentCount - 1;
  const last = extentLast < r.maxFrame ? extentLast : r.maxFrame;
  let start = extentStart > r.minFrame ? extentStart : r.minFrame;
  const align = r.alignFrames;
  // Dividing by a power of two is exact in floating point, so this rounds up exactly.
  if (align !== 1) start = Math.ceil(start / align) * align;
  // Past the window already: no need to touch the boundary (or risk inexact sums far above 2^53).
  if (start > last) return null;
  const boundary = r.boundaryFrames;
  if (boundary !== 0) {
    if (n > boundary) return null;
    // When the boundary is no larger than the alignment every aligned start
    // sits on a boundary and the offset is 0; otherwise the next boundary is
    // itself aligned and is the first start that does not cross one.
    const offset = start % boundary;
    if (offset + n > boundary) start += boundary - offset;
  }
  return start + (n - 1) <= last ? start : null;
}

/** The lowest start inside one free extent that satisfies the request, or null. */
export function findRunIn(extent: FrameExtent, req: RunRequest): number | null {
  const r = resolveRunRequest(req, 'findRunIn');
  if (isUnsatisfiable(r)) return null;
  return firstFitIn(extent.start, extent.count, r);
}
