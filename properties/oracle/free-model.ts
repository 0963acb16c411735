import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';
import type { MemoryMap } from '../../spec/interface/memory-map';

/**
 * The suite's own picture of free physical memory, built only from what it
 * observed: the map's RAM and the physical segments behind every live
 * allocation. It cannot see an allocator's headers, rounding or reserves,
 * so it is generous to the allocator on purpose: every live allocation
 * counts as its whole pages plus one page either side (room for a header
 * before and after), and a request counts as meetable only when a stretch
 * four times its page count, plus two pages, is free in one RAM range with
 * every constraint met, starting at least a page past the start of the free
 * memory it lies in. Four times covers allocators that round to a power
 * of two and need their block aligned to its size (a buddy); two pages
 * cover the request's own header. A NULL against such room is no matter of
 * overhead or placement policy.
 */
export interface FreeStretch {
  readonly start: bigint;
  readonly end: bigint;
}

export class FreeModel {
  private free: FreeStretch[];

  constructor(
    map: MemoryMap,
    private readonly page: bigint,
  ) {
    this.free = map.ranges
      .filter((r) => r.type === 'ram')
      .map((r) => ({ start: roundUp(r.base, page), end: (r.base + r.length) / page * page }))
      .filter((s) => s.start < s.end);
  }

  /** Marks the pages of a live allocation, with a page of room either side, as taken. */
  take(segments: ReadonlyArray<PhysSegment>): void {
    for (const seg of segments) {
      const from = seg.phys / this.page * this.page - this.page;
      const to = roundUp(seg.phys + seg.length, this.page) + this.page;
      this.free = this.free.flatMap((s) => cut(s, from, to));
    }
  }

  /** A stretch that meets `size` bytes under `c` with the room described above, or undefined. */
  roomFor(size: bigint, c: DmaConstraints): FreeStretch | undefined {
    const pages = roundUp(size, this.page) / this.page;
    const want = (4n * pages + 2n) * this.page;
    const align = c.alignment > this.page ? c.alignment : this.page;
    // A boundary narrower than the room asked for leaves no verdict: the model is too coarse there.
    if (c.boundary > 0n && c.boundary < want) return undefined;
    for (const s of this.free) {
      // A page of room before the run, for a header there; and so physical page 0 is never asked for
      // (an identity-mapped allocator cannot return it: its address is NULL).
      let at = roundUp(s.start + this.page, align);
      if (c.boundary > 0n && at / c.boundary !== (at + want - 1n) / c.boundary) at = roundUp(at + 1n, c.boundary > align ? c.boundary : align);
      if (at + want <= s.end && at + want - 1n <= c.maxAddress) return { start: at, end: at + want };
    }
    return undefined;
  }
}

function roundUp(v: bigint, to: bigint): bigint {
  return ((v + to - 1n) / to) * to;
}

function cut(s: FreeStretch, from: bigint, to: bigint): FreeStretch[] {
  if (to <= s.start || from >= s.end) return [s];
  const out: FreeStretch[] = [];
  if (from > s.start) out.push({ start: s.start, end: from });
  if (to < s.end) out.push({ start: to, end: s.end });
  return out;
}
