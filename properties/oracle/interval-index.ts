import type { ByteRange } from '../../spec/predicates/range';
import { rangesOverlap } from '../../spec/predicates/range';

/**
 * Disjoint byte ranges kept sorted by start. Because the ranges never
 * overlap, a new range can only collide with its two neighbours, so the
 * check is a binary search: logarithmic in the number of live ranges.
 */
export class IntervalIndex<T> {
  private readonly starts: bigint[] = [];
  private readonly entries: { range: ByteRange; owner: T }[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** The owner of a range overlapping `r`, if any. */
  collision(r: ByteRange): T | undefined {
    const i = this.upperBound(r.start);
    for (const j of [i - 1, i]) {
      const e = this.entries[j];
      if (e !== undefined && rangesOverlap(e.range, r)) return e.owner;
    }
    return undefined;
  }

  add(r: ByteRange, owner: T): void {
    if (r.length === 0n) return;
    const i = this.upperBound(r.start);
    this.starts.splice(i, 0, r.start);
    this.entries.splice(i, 0, { range: r, owner });
  }

  remove(r: ByteRange, owner: T): void {
    let i = this.upperBound(r.start) - 1;
    while (i >= 0 && this.starts[i] === r.start) {
      if (this.entries[i]!.owner === owner) {
        this.starts.splice(i, 1);
        this.entries.splice(i, 1);
        return;
      }
      i--;
    }
  }

  private upperBound(x: bigint): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
