import fc from 'fast-check';
import type { MemoryMap, MemoryRange } from '../../spec/interface/memory-map';

/**
 * Memory maps placed where the documents' limits bite: around 16 MB
 * (real_heap, 24-bit DMA), 4 GiB (32-bit DMA, kmem_alloc_phys) and the top
 * of the 64-bit space (exactness above 2^53). Like firmware maps, ranges may
 * start or end inside a page, come as runs of many small pieces, or (with
 * `large`) span GiB and TiB; the small ones keep exhausting memory cheap.
 * Ranges are an array fast-check shrinks by dropping elements, so a failure
 * shows only the ranges that matter.
 */
const MB = 1n << 20n;
const GB = 1n << 30n;
const SPACE_END = 1n << 64n;
const ANCHORS: ReadonlyArray<bigint> = [0n, MB, 16n * MB, 1n << 32n, 1n << 40n, SPACE_END - 16n * MB];
/** Where a large range may start: low memory, 4 GiB, 1 TiB. */
const LARGE_BASES: ReadonlyArray<bigint> = [MB, 1n << 32n, 1n << 40n];

export interface GeneratedMap {
  readonly map: MemoryMap;
  readonly pageSize: number;
}

export interface MapOptions {
  /** Allow ranges of GiB and TiB: only for properties that never try to exhaust memory. */
  readonly large?: boolean;
}

/** Bytes by which a range's ends miss the page grid: mostly none, sometimes one byte or half a page. */
const slackArb = (pageSize: bigint) => fc.oneof({ weight: 3, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.constantFrom(1n, pageSize / 2n, pageSize - 1n) });

const ram = (base: bigint, end: bigint): MemoryRange => ({ base, length: end - base, type: 'ram' });

/** Clamps [base, end) to the address space; null when nothing is left. */
function clamp(base: bigint, end: bigint): [bigint, bigint] | null {
  const b = base < 0n ? 0n : base;
  const e = end > SPACE_END ? SPACE_END : end;
  return e > b ? [b, e] : null;
}

/** One RAM range around an anchor, maybe split by a hole or a reserved stretch, maybe off the page grid. */
const anchoredArb = (pageSize: bigint) =>
  fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      below: fc.integer({ min: 0, max: 24 }),
      above: fc.integer({ min: 1, max: 48 }),
      head: slackArb(pageSize),
      tail: slackArb(pageSize),
      hole: fc.option(fc.record({ at: fc.integer({ min: 0, max: 40 }), pages: fc.integer({ min: 1, max: 3 }), reserved: fc.boolean() }), { nil: undefined }),
    })
    .map(({ anchor, below, above, head, tail, hole }): MemoryRange[] => {
      const span = clamp(anchor - BigInt(below) * pageSize + head, anchor + BigInt(above) * pageSize - tail);
      if (span === null) return [];
      const [base, end] = span;
      if (hole === undefined) return [ram(base, end)];
      const hBase = base + BigInt(hole.at) * pageSize;
      const hEnd = hBase + BigInt(hole.pages) * pageSize;
      if (hEnd >= end || hBase <= base) return [ram(base, end)];
      const parts: MemoryRange[] = [ram(base, hBase)];
      if (hole.reserved) parts.push({ base: hBase, length: hEnd - hBase, type: 'reserved' });
      parts.push(ram(hEnd, end));
      return parts;
    });

/** Many small ranges in a row, one page apart: firmware maps chopped up by reserved pieces. */
const clusterArb = (pageSize: bigint) =>
  fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 12 }),
      reserved: fc.boolean(),
    })
    .map(({ anchor, sizes, reserved }): MemoryRange[] => {
      const out: MemoryRange[] = [];
      let at = anchor === SPACE_END - 16n * MB ? anchor : anchor + pageSize;
      for (const pages of sizes) {
        const end = at + BigInt(pages) * pageSize;
        if (end + pageSize > SPACE_END) break;
        out.push(ram(at, end));
        if (reserved) out.push({ base: end, length: pageSize, type: 'reserved' });
        at = end + pageSize;
      }
      return out;
    });

/** One range of GiB to TiB, lazily backed by any reasonable allocator. */
const largeArb = (pageSize: bigint) =>
  fc
    .record({ base: fc.constantFrom(...LARGE_BASES), log2: fc.integer({ min: 30, max: 40 }), head: slackArb(pageSize), tail: slackArb(pageSize) })
    .map(({ base, log2, head, tail }): MemoryRange[] => [ram(base + head, base + (1n << BigInt(log2)) + (log2 > 32 ? GB : 0n) - tail)]);

export function memoryMapArb(opts: MapOptions = {}): fc.Arbitrary<GeneratedMap> {
  return fc.constantFrom(4096, 4096, 4096, 16384).chain((pageSize) => {
    const p = BigInt(pageSize);
    const group = fc.oneof(
      { weight: 6, arbitrary: anchoredArb(p) },
      { weight: 2, arbitrary: clusterArb(p) },
      ...(opts.large ? [{ weight: 2, arbitrary: largeArb(p) }] : []),
    );
    return fc
      .array(group, { minLength: 1, maxLength: 3 })
      .map((groups) => dedupe(groups.flat()))
      .filter((ranges) => ranges.some((r) => r.type === 'ram'))
      .map((ranges) => ({ pageSize, map: { name: 'generated', ranges } }));
  });
}

/** Groups may collide; keep the first of any overlapping pair. */
export function dedupe(ranges: MemoryRange[]): MemoryRange[] {
  const sorted = ranges.slice().sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  const out: MemoryRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev !== undefined && r.base < prev.base + prev.length) continue;
    out.push(r);
  }
  return out;
}

export function ramBytes(map: MemoryMap): bigint {
  return map.ranges.filter((r) => r.type === 'ram').reduce((s, r) => s + r.length, 0n);
}
