import type { Allocation } from './allocation';

/**
 * Live allocations, found by exact start address (for releases) and by any
 * address inside them (for translation). The sorted index makes the second
 * lookup logarithmic.
 *
 * The index holds starts as doubles: moving bigints (heap objects) through a
 * splice costs several times more than moving doubles once a thousand
 * allocations are live. Every start is page-aligned (a multiple of at least
 * 4096) and below 2^64, where doubles are 2048 apart at most, so the
 * conversion is exact and keeps the order.
 */
export class AllocationTable {
  private readonly byStart = new Map<bigint, Allocation>();
  private readonly starts: number[] = [];

  constructor(private readonly pageSize: bigint) {}

  get size(): number {
    return this.byStart.size;
  }

  get(vaddr: bigint): Allocation | undefined {
    return this.byStart.get(vaddr);
  }

  // The newest mapping is usually the highest, so push and pop are the common
  // case; splice allocates an array even for one element.
  add(a: Allocation): void {
    this.byStart.set(a.vaddr, a);
    const key = Number(a.vaddr);
    const i = this.upperBound(key);
    if (i === this.starts.length) this.starts.push(key);
    else this.starts.splice(i, 0, key);
  }

  remove(a: Allocation): void {
    this.byStart.delete(a.vaddr);
    const i = this.upperBound(Number(a.vaddr)) - 1;
    if (i === this.starts.length - 1) this.starts.pop();
    else this.starts.splice(i, 1);
  }

  /** The allocation whose mapped pages contain vaddr. */
  containing(vaddr: bigint): Allocation | undefined {
    // An arbitrary address may round up onto the next start, never down past its own.
    let i = this.upperBound(Number(vaddr)) - 1;
    if (i < 0) return undefined;
    let a = this.byStart.get(BigInt(this.starts[i]!))!;
    if (a.vaddr > vaddr) {
      if (--i < 0) return undefined;
      a = this.byStart.get(BigInt(this.starts[i]!))!;
    }
    return vaddr < a.vaddr + BigInt(a.pages) * this.pageSize ? a : undefined;
  }

  values(): IterableIterator<Allocation> {
    return this.byStart.values();
  }

  /** Index of the first start greater than key. */
  private upperBound(key: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
