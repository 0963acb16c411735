import { FrameAllocator } from '../frames/frame-allocator';

/**
 * Kernel virtual addresses: the upper 2^47 bytes of the 64-bit space, far
 * above 2^53, so that every consumer has to carry addresses exactly. Virtual
 * pages are handed out by the same first-fit extent allocator as frames.
 */
export const KERNEL_VA_BASE = 0xffff800000000000n;
const VA_SPAN = 1n << 47n;

export class VirtualSpace {
  private readonly pages: FrameAllocator;
  private readonly pageSize: bigint;

  constructor(pageSize: number) {
    this.pageSize = BigInt(pageSize);
    this.pages = new FrameAllocator([{ start: 0, count: Number(VA_SPAN / this.pageSize) }]);
  }

  /** A virtual page-run start address aligned to `alignment` bytes, or null when the space cannot honour it. */
  reserve(pages: number, alignment: bigint): bigint | null {
    if (alignment > VA_SPAN) return null;
    const alignFrames = alignment > this.pageSize ? Number(alignment / this.pageSize) : 1;
    const start = this.pages.allocRun({ frames: pages, alignFrames });
    return start === null ? null : KERNEL_VA_BASE + BigInt(start) * this.pageSize;
  }

  release(vaddr: bigint, pages: number): void {
    this.pages.free(Number((vaddr - KERNEL_VA_BASE) / this.pageSize), pages);
  }
}
