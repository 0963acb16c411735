import { checkRun, describeRun, type FrameExtent } from './extent';
import { DoubleFreeError } from './errors';

/**
 * Free frames as sorted, coalesced extents. Two parallel arrays rather than
 * an array of objects: the hot paths only adjust one number in place, and
 * splicing happens only when an extent appears or vanishes.
 */
export class ExtentSet {
  private readonly starts: number[] = [];
  private readonly counts: number[] = [];
  private total = 0;
  // The largest extent is cached: inserting can only raise it, so only a
  // removal from an extent of that size forces a rescan on the next query.
  private largestCount = 0;
  private largestStale = false;

  /** Extents may come in any order; touching ones are merged, overlapping ones rejected. */
  constructor(extents: Iterable<FrameExtent> = []) {
    for (const e of extents) this.insert(e.start, e.count);
  }

  /** Number of extents. */
  get size(): number {
    return this.starts.length;
  }

  /** Number of free frames across all extents. */
  get freeFrames(): number {
    return this.total;
  }

  startAt(index: number): number {
    return this.starts[index];
  }

  countAt(index: number): number {
    return this.counts[index];
  }

  /** Index of the first extent whose start is above frame (size when none). */
  upperBound(frame: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= frame) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first extent whose last frame is at or above frame (size when none). */
  firstEndingAtOrAfter(frame: number): number {
    const i = this.upperBound(frame) - 1;
    return i >= 0 && this.starts[i] + this.counts[i] > frame ? i : i + 1;
  }

  /** Index of the extent holding frame, or -1 when that frame is not free. */
  indexOf(frame: number): number {
    const i = this.upperBound(frame) - 1;
    return i >= 0 && this.starts[i] + this.counts[i] > frame ? i : -1;
  }

  /** Whether every frame of the run is free. */
  covers(start: number, count: number): boolean {
    const i = this.indexOf(start);
    return i >= 0 && start + count <= this.starts[i] + this.counts[i];
  }

  /** Whether any frame of the run is free. */
  overlaps(start: number, count: number): boolean {
    const i = this.firstEndingAtOrAfter(start);
    return i < this.starts.length && this.starts[i] < start + count;
  }

  /** Adds a run of free frames, merging it with the extents it touches. */
  insert(start: number, count: number, api = 'ExtentSet.insert'): void {
    checkRun(api, start, count);
    const starts = this.starts;
    const counts = this.counts;
    const next = this.upperBound(start);
    const prev = next - 1;
    const end = start + count;
    if (prev >= 0 && starts[prev] + counts[prev] > start) {
      throw new DoubleFreeError(api, start, count, `overlaps free ${describeRun(starts[prev], counts[prev])}`);
    }
    if (next < starts.length && starts[next] < end) {
      throw new DoubleFreeError(api, start, count, `overlaps free ${describeRun(starts[next], counts[next])}`);
    }
    const joinPrev = prev >= 0 && starts[prev] + counts[prev] === start;
    const joinNext = next < starts.length && starts[next] === end;
    let merged: number;
    if (joinPrev && joinNext) {
      merged = counts[prev] += count + counts[next];
      starts.splice(next, 1);
      counts.splice(next, 1);
    } else if (joinPrev) {
      merged = counts[prev] += count;
    } else if (joinNext) {
      starts[next] = start;
      merged = counts[next] += count;
    } else {
      merged = count;
      starts.splice(next, 0, start);
      counts.splice(next, 0, count);
    }
    this.total += count;
    if (merged > this.largestCount) this.largestCount = merged;
  }

  /** Takes a run that must be wholly free out of the set. */
  remove(start: number, count: number, api = 'ExtentSet.remove'): void {
    checkRun(api, start, count);
    const i = this.indexOf(start);
    if (i < 0 || start + count > this.starts[i] + this.counts[i]) {
      throw new RangeError(`${api}: ${describeRun(start, count)} are not all free`);
    }
    this.take(i, start, count);
  }

  /** Removes a run from extent i, for callers that already found the extent holding it. */
  take(i: number, start: number, count: number): void {
    const starts = this.starts;
    const counts = this.counts;
    const extentStart = starts[i];
    const extentCount = counts[i];
    const headCount = start - extentStart;
    const tailCount = extentCount - headCount - count;
    if (!(headCount >= 0 && tailCount >= 0 && count >= 1)) {
      throw new RangeError(`ExtentSet.take: ${describeRun(start, count)} are not inside extent ${i}`);
    }
    if (headCount === 0 && tailCount === 0) {
      starts.splice(i, 1);
      counts.splice(i, 1);
    } else if (headCount === 0) {
      starts[i] = start + count;
      counts[i] = tailCount;
    } else if (tailCount === 0) {
      counts[i] = headCount;
    } else {
      counts[i] = headCount;
      starts.splice(i + 1, 0, start + count);
      counts.splice(i + 1, 0, tailCount);
    }
    this.total -= count;
    if (extentCount === this.largestCount) this.largestStale = true;
  }

  /** Size of the largest extent (0 when nothing is free). */
  largest(): number {
    if (this.largestStale) {
      let max = 0;
      for (const c of this.counts) if (c > max) max = c;
      this.largestCount = max;
      this.largestStale = false;
    }
    return this.largestCount;
  }

  /** The extents that share at least one frame with the inclusive window [lo, hi], whole (not clipped). */
  *overlapping(lo: number, hi: number): IterableIterator<FrameExtent> {
    for (let i = this.firstEndingAtOrAfter(lo); i < this.starts.length && this.starts[i] <= hi; i++) {
      yield { start: this.starts[i], count: this.counts[i] };
    }
  }

  /** A copy of every extent in ascending order. */
  toArray(): FrameExtent[] {
    return this.starts.map((start, i) => ({ start, count: this.counts[i] }));
  }
}
