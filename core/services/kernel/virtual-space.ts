/**
 * Kernel virtual addresses: the upper 2^47 bytes of the 64-bit space, far
 * above 2^53, so that every consumer has to carry addresses exactly. Pages
 * are handed out first fit from a sorted list of free page runs.
 */
export const KERNEL_VA_BASE = 0xffff800000000000n;
const VA_SPAN = 1n << 47n;

interface Run {
  start: number;
  count: number;
}

export class VirtualSpace {
  private readonly free: Run[];
  private readonly pageSize: bigint;

  constructor(pageSize: number) {
    this.pageSize = BigInt(pageSize);
    this.free = [{ start: 0, count: Number(VA_SPAN / this.pageSize) }];
  }

  /** A virtual page-run start address aligned to `alignment` bytes, or null when the space cannot honour it. */
  reserve(pages: number, alignment: bigint): bigint | null {
    if (alignment > VA_SPAN || !(pages >= 1)) return null;
    const align = alignment > this.pageSize ? Number(alignment / this.pageSize) : 1;
    for (let i = 0; i < this.free.length; i++) {
      const r = this.free[i]!;
      const start = Math.ceil(r.start / align) * align;
      if (start + pages > r.start + r.count) continue;
      const after = { start: start + pages, count: r.start + r.count - start - pages };
      const pieces = [{ start: r.start, count: start - r.start }, after].filter((p) => p.count > 0);
      this.free.splice(i, 1, ...pieces);
      return KERNEL_VA_BASE + BigInt(start) * this.pageSize;
    }
    return null;
  }

  release(vaddr: bigint, pages: number): void {
    const start = Number((vaddr - KERNEL_VA_BASE) / this.pageSize);
    let lo = 0;
    let hi = this.free.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.free[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    const prev = this.free[lo - 1];
    const next = this.free[lo];
    if (prev !== undefined && prev.start + prev.count === start) {
      prev.count += pages;
      if (next !== undefined && start + pages === next.start) {
        prev.count += next.count;
        this.free.splice(lo, 1);
      }
    } else if (next !== undefined && start + pages === next.start) {
      next.start = start;
      next.count += pages;
    } else this.free.splice(lo, 0, { start, count: pages });
  }
}
