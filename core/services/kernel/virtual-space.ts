/**
 * Kernel virtual addresses: the upper 2^47 bytes of the 64-bit space, far
 * above 2^53, so that every consumer has to carry addresses exactly. Pages
 * are handed out first fit from sorted, coalesced free page runs.
 *
 * The runs are two parallel arrays of page numbers rather than an object per
 * run: a run is only ever adjusted in place or spliced in or out, and the
 * free list then costs two doubles per gap between live mappings.
 */
export const KERNEL_VA_BASE = 0xffff800000000000n;
const VA_SPAN = 1n << 47n;

export class VirtualSpace {
  private readonly starts: number[];
  private readonly counts: number[];
  private readonly pageSize: bigint;

  constructor(pageSize: number) {
    this.pageSize = BigInt(pageSize);
    this.starts = [0];
    this.counts = [Number(VA_SPAN / this.pageSize)];
  }

  /** Free runs: a cost figure for tests and benchmarks. */
  get runs(): number {
    return this.starts.length;
  }

  /** A virtual page-run start address aligned to `alignment` bytes, or null when the space cannot honour it. */
  reserve(pages: number, alignment: bigint): bigint | null {
    if (alignment > VA_SPAN || !(pages >= 1)) return null;
    const align = alignment > this.pageSize ? Number(alignment / this.pageSize) : 1;
    const { starts, counts } = this;
    for (let i = 0; i < starts.length; i++) {
      const runStart = starts[i];
      const runEnd = runStart + counts[i];
      const start = Math.ceil(runStart / align) * align;
      if (start + pages > runEnd) continue;
      const head = start - runStart;
      const tail = runEnd - start - pages;
      if (head === 0 && tail === 0) {
        starts.splice(i, 1);
        counts.splice(i, 1);
      } else if (head === 0) {
        starts[i] = start + pages;
        counts[i] = tail;
      } else {
        counts[i] = head;
        if (tail > 0) {
          starts.splice(i + 1, 0, start + pages);
          counts.splice(i + 1, 0, tail);
        }
      }
      return KERNEL_VA_BASE + BigInt(start) * this.pageSize;
    }
    return null;
  }

  release(vaddr: bigint, pages: number): void {
    const start = Number((vaddr - KERNEL_VA_BASE) / this.pageSize);
    const { starts, counts } = this;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const joinPrev = lo > 0 && starts[lo - 1] + counts[lo - 1] === start;
    const joinNext = lo < starts.length && start + pages === starts[lo];
    if (joinPrev && joinNext) {
      counts[lo - 1] += pages + counts[lo];
      starts.splice(lo, 1);
      counts.splice(lo, 1);
    } else if (joinPrev) counts[lo - 1] += pages;
    else if (joinNext) {
      starts[lo] = start;
      counts[lo] += pages;
    } else {
      starts.splice(lo, 0, start);
      counts.splice(lo, 0, pages);
    }
  }
}
