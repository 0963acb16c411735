import { alignUp } from '../../spec/address/u64';

/**
 * Kernel virtual addresses for the shell's mappings: the upper half of the
 * 64-bit space, so every consumer must carry addresses exactly. Addresses
 * are handed out upward and never reused within one setup: a stale address
 * then never aliases a newer allocation, which keeps misuse checks sharp.
 */
const VA_BASE = 1n << 63n;
const VA_END = 1n << 64n;

export class VirtualSpace {
  private next = VA_BASE;

  constructor(private readonly pageBytes: bigint) {}

  /** A start aligned to `alignment` (and to a page) for `size` bytes, or null when the space is used up. */
  reserve(size: bigint, alignment: bigint): bigint | null {
    const unit = alignment > this.pageBytes ? alignment : this.pageBytes;
    const start = alignUp(this.next, unit);
    const end = alignUp(start + size, this.pageBytes);
    if (end > VA_END) return null;
    this.next = end;
    return start;
  }
}
