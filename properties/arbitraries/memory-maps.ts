import fc from 'fast-check';
import type { MemoryMap, MemoryRange } from '../../spec/interface/memory-map';

/**
 * Small memory maps placed where the documents' limits bite: around 16 MB
 * (real_heap, 24-bit DMA), 4 GiB (32-bit DMA, kmem_alloc_phys) and the top
 * of the 64-bit space (exactness above 2^53). Small, so exhausting memory
 * takes a handful of calls.
 */
const MB = 1n << 20n;
const ANCHORS: ReadonlyArray<bigint> = [0n, MB, 16n * MB, 1n << 32n, 1n << 40n, (1n << 64n) - 16n * MB];

export interface GeneratedMap {
  readonly map: MemoryMap;
  readonly pageSize: number;
}

const rangeAround = (pageSize: bigint) =>
  fc.record({
    anchor: fc.constantFrom(...ANCHORS),
    below: fc.integer({ min: 0, max: 24 }),
    above: fc.integer({ min: 1, max: 48 }),
    hole: fc.option(fc.record({ at: fc.integer({ min: 0, max: 40 }), pages: fc.integer({ min: 1, max: 3 }), reserved: fc.boolean() }), { nil: undefined }),
  }).map(({ anchor, below, above, hole }): MemoryRange[] => {
    let base = anchor - BigInt(below) * pageSize;
    if (base < 0n) base = 0n;
    let end = anchor + BigInt(above) * pageSize;
    if (end > 1n << 64n) end = 1n << 64n;
    if (hole === undefined) return [{ base, length: end - base, type: 'ram' }];
    const hBase = base + BigInt(hole.at) * pageSize;
    const hEnd = hBase + BigInt(hole.pages) * pageSize;
    if (hEnd >= end || hBase <= base) return [{ base, length: end - base, type: 'ram' }];
    const parts: MemoryRange[] = [{ base, length: hBase - base, type: 'ram' }];
    if (hole.reserved) parts.push({ base: hBase, length: hEnd - hBase, type: 'reserved' });
    parts.push({ base: hEnd, length: end - hEnd, type: 'ram' });
    return parts;
  });

/** Non-overlapping ranges from distinct anchors (ranges never reach the next anchor). */
export function memoryMapArb(): fc.Arbitrary<GeneratedMap> {
  return fc
    .constantFrom(4096, 4096, 4096, 16384)
    .chain((pageSize) =>
      fc
        .uniqueArray(rangeAround(BigInt(pageSize)), { minLength: 1, maxLength: 3, selector: (r) => r[0]!.base })
        .map((groups) => ({ pageSize, map: { name: 'generated', ranges: dedupe(groups.flat()) } })),
    );
}

/** Groups from the same anchor may collide; keep the first of any overlapping pair. */
function dedupe(ranges: MemoryRange[]): MemoryRange[] {
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
