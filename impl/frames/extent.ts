/**
 * Shapes shared by the frame layer. Frame numbers are plain numbers: with
 * pages of at least 4096 bytes every frame of the 64-bit physical space is
 * below 2^52, so they stay exact without the cost of bigint arithmetic.
 */

/** A run of consecutive page frames: frames start .. start + count - 1. */
export interface FrameExtent {
  readonly start: number;
  readonly count: number;
}

/** An inclusive window of frame numbers a placement must stay inside. */
export interface FrameWindow {
  /** Lowest frame the result may use; 0 when absent. */
  readonly minFrame?: number;
  /** Highest frame the result may use (inclusive); unlimited when absent. */
  readonly maxFrame?: number;
}

/** What a physically contiguous run must satisfy, in frames. */
export interface RunRequest extends FrameWindow {
  /** How many frames: any positive integer. */
  readonly frames: number;
  /** The first frame is a multiple of this power of two; 1 when absent. */
  readonly alignFrames?: number;
  /**
   * 0 or absent for none; otherwise a power of two, and the run may touch a
   * multiple of it only at its first frame.
   */
  readonly boundaryFrames?: number;
}

/** Frame number formatting shared by error messages. */
export function describeRun(start: number, count: number): string {
  return count === 1 ? `frame ${start}` : `frames ${start}..${start + count - 1}`;
}

/** Rejects a run that is not a whole, exact, non-empty range of frame numbers. */
export function checkRun(api: string, start: number, count: number): void {
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`${api}: start frame ${start} is not a non-negative integer`);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`${api}: frame count ${count} is not a positive integer`);
  if (!Number.isSafeInteger(start + count)) throw new RangeError(`${api}: ${describeRun(start, count)} runs past the exact number range`);
}
