import type { Allocation } from './allocation';

/**
 * Live allocations, found by exact start address (for releases) and by any
 * address inside them (for translation). The sorted index makes the second
 * lookup logarithmic.
 */
export class AllocationTable {
  private readonly byStart = new Map<bigint, Allocation>();
  private readonly starts: bigint[] = [];

  constructor(private readonly pageSize: bigint) {}

  get size(): number {
    return this.byStart.size;
  }

  get(vaddr: bigint): Allocation | undefined {
    return this.byStart.get(vaddr);
  }

  add(a: Allocation): void {
    this.byStart.set(a.vaddr, a);
    this.starts.splice(this.upperBound(a.vaddr), 0, a.vaddr);
  }

  remove(a: Allocation): void {
    this.byStart.delete(a.vaddr);
    this.starts.splice(this.upperBound(a.vaddr) - 1, 1);
  }

  /** The allocation whose mapped pages contain vaddr. */
  containing(vaddr: bigint): Allocation | undefined {
    const i = this.upperBound(vaddr) - 1;
    if (i < 0) return undefined;
    const a = this.byStart.get(this.starts[i]!)!;
    return vaddr < a.vaddr + BigInt(a.pages) * this.pageSize ? a : undefined;
  }

  values(): IterableIterator<Allocation> {
    return this.byStart.values();
  }

  /** Index of the first start greater than vaddr. */
  private upperBound(vaddr: bigint): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= vaddr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
