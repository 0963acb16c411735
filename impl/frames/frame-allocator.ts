import { checkRun, describeRun, type FrameExtent, type FrameWindow, type RunRequest } from './extent';
import { ExtentSet } from './extent-set';
import { firstFitIn, isUnsatisfiable, resolveRunRequest } from './find-run';

/**
 * The page-frame layer of the reference kernel: which frames of usable RAM
 * are free. Placement is first fit by address, so for a given history the
 * answer is the lowest run that satisfies every constraint; the work done
 * depends on the free extents examined, never on memory size or run length.
 */
export class FrameAllocator {
  private readonly managed: ExtentSet;
  private readonly pool: ExtentSet;

  /** Every frame of the given extents starts out free; they must not overlap. */
  constructor(extents: Iterable<FrameExtent>) {
    this.managed = new ExtentSet(extents);
    this.pool = new ExtentSet(this.managed.toArray());
  }

  /** Takes the lowest run satisfying the request; null when none is free. */
  allocRun(req: RunRequest): number | null {
    const r = resolveRunRequest(req, 'FrameAllocator.allocRun');
    if (isUnsatisfiable(r)) return null;
    const free = this.pool;
    const n = r.frames;
    const align = r.alignFrames;
    const lastStart = r.maxFrame - (n - 1);
    const size = free.size;
    let i = free.firstEndingAtOrAfter(r.minFrame);
    while (i < size) {
      const s = free.startAt(i);
      if (s > lastStart) break;
      const c = free.countAt(i);
      if (c >= n) {
        const found = firstFitIn(s, c, r);
        if (found !== null) {
          free.take(i, found, n);
          return found;
        }
      }
      i++;
      if (align === 1 || i >= size) continue;
      // A large alignment can step over many small extents: when the next
      // extent cannot hold an aligned run, no extent ending before the first
      // such run could either, so a binary search skips them all at once.
      const nextStart = free.startAt(i);
      const from = nextStart > r.minFrame ? nextStart : r.minFrame;
      const candidate = Math.ceil(from / align) * align;
      if (candidate > lastStart) break;
      if (candidate + (n - 1) >= nextStart + free.countAt(i)) i = free.firstEndingAtOrAfter(candidate + (n - 1));
    }
    return null;
  }

  /** Takes exactly frames start .. start + frames - 1 if all are free; false otherwise. */
  allocAt(start: number, frames: number): boolean {
    checkRun('FrameAllocator.allocAt', start, frames);
    const i = this.pool.indexOf(start);
    if (i < 0 || start + frames > this.pool.startAt(i) + this.pool.countAt(i)) return false;
    this.pool.take(i, start, frames);
    return true;
  }

  /**
   * Takes one free frame from an extent chosen at random among those inside
   * the window, at a random place in it. Splitting extents this way models a
   * free list that the kernel shuffles, which fragments memory over time.
   */
  allocRandomFrame(rng: () => number, window: FrameWindow = {}): number | null {
    const lo = window.minFrame ?? 0;
    const hi = window.maxFrame ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(lo) || lo < 0 || !Number.isSafeInteger(hi) || hi < 0) {
      throw new RangeError(`FrameAllocator.allocRandomFrame: window ${lo}..${hi} is not a range of frame numbers`);
    }
    if (lo > hi) return null;
    const free = this.pool;
    const first = free.firstEndingAtOrAfter(lo);
    const last = free.upperBound(hi) - 1;
    if (first > last) return null;
    const i = first + pick(rng, last - first + 1);
    const s = free.startAt(i);
    const e = s + free.countAt(i) - 1;
    const from = s > lo ? s : lo;
    const to = e < hi ? e : hi;
    const frame = from + pick(rng, to - from + 1);
    free.take(i, frame, 1);
    return frame;
  }

  /** Returns a run to the free pool. Throws DoubleFreeError if any frame is already free. */
  free(start: number, frames: number): void {
    checkRun('FrameAllocator.free', start, frames);
    if (!this.managed.covers(start, frames)) {
      throw new RangeError(`FrameAllocator.free: ${describeRun(start, frames)} are not all usable RAM`);
    }
    this.pool.insert(start, frames, 'FrameAllocator.free');
  }

  /** Whether every frame of the run is free. */
  isFree(start: number, frames = 1): boolean {
    return this.pool.covers(start, frames);
  }

  /** Whether every frame of the run is usable RAM this allocator manages, free or not. */
  isManaged(start: number, frames = 1): boolean {
    return this.managed.covers(start, frames);
  }

  freeFrames(): number {
    return this.pool.freeFrames;
  }

  totalFrames(): number {
    return this.managed.freeFrames;
  }

  /** Length of the longest free run, ignoring alignment. */
  largestRun(): number {
    return this.pool.largest();
  }

  /** Number of separate free extents: a measure of fragmentation. */
  extentCount(): number {
    return this.pool.size;
  }

  /** A copy of the free extents in ascending order. */
  snapshot(): FrameExtent[] {
    return this.pool.toArray();
  }

  /** A copy of the managed (usable RAM) extents in ascending order. */
  managedExtents(): FrameExtent[] {
    return this.managed.toArray();
  }
}

/** An index in [0, n). The product can round up to n when n is near 2^52, hence the clamp. */
function pick(rng: () => number, n: number): number {
  const x = rng();
  if (!(x >= 0 && x < 1)) throw new RangeError(`FrameAllocator.allocRandomFrame: rng returned ${x}, not a number in [0, 1)`);
  return Math.min(n - 1, Math.floor(x * n));
}
