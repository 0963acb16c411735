import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeMemoryMap } from '../../../impl/memory/memory-map';
import type { MemoryRange } from '../../../spec/interface/memory-map';

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const reserved = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'reserved' });

describe('normalizeMemoryMap', () => {
  it('trims RAM inward to whole pages and sorts the ranges', () => {
    const m = normalizeMemoryMap({ name: 'm', ranges: [ram(0x10000n, 0x8800n), ram(0x800n, 0x2000n)] }, 4096);
    expect(m.extents).toEqual([
      { start: 1, count: 1 },
      { start: 16, count: 8 },
    ]);
    expect(m.totalFrames).toBe(9);
    expect(m.ranges.map((r) => r.base)).toEqual([0x800n, 0x10000n]);
    expect(m.name).toBe('m');
  });

  it('gives a page shared with a reserved range to the reserved range', () => {
    const m = normalizeMemoryMap({ ranges: [ram(0n, 0x1800n), reserved(0x1800n, 0x100n), ram(0x1900n, 0x2700n)] }, 4096);
    expect(m.extents).toEqual([
      { start: 0, count: 1 },
      { start: 2, count: 2 },
    ]);
  });

  it('joins touching RAM ranges before rounding', () => {
    const m = normalizeMemoryMap({ ranges: [ram(0n, 0x800n), ram(0x800n, 0x800n)] }, 4096);
    expect(m.extents).toEqual([{ start: 0, count: 1 }]);
    expect(m.isRam(0x700n, 0x200n)).toBe(true);
  });

  it('uses larger pages', () => {
    const m = normalizeMemoryMap({ ranges: [ram(0x1000n, 0x400000n)] }, 0x200000);
    expect(m.extents).toEqual([{ start: 1, count: 1 }]);
  });

  it('accepts the very top of the 64-bit space', () => {
    const top = (1n << 64n) - 0x2000n;
    const m = normalizeMemoryMap({ ranges: [ram(top, 0x2000n)] }, 4096);
    expect(m.extents).toEqual([{ start: 2 ** 52 - 2, count: 2 }]);
    expect(m.isRam((1n << 64n) - 1n, 1n)).toBe(true);
  });

  it('answers isRam byte-exactly', () => {
    const m = normalizeMemoryMap({ ranges: [ram(0n, 0x9f000n), reserved(0x9f000n, 0x61000n), ram(0x100000n, 0x100000n)] }, 4096);
    expect(m.isRam(0n, 0x9f000n)).toBe(true);
    expect(m.isRam(0x9e000n, 0x1001n)).toBe(false);
    expect(m.isRam(0x100000n, 0x100000n)).toBe(true);
    expect(m.isRam(0x100000n, 0x100001n)).toBe(false);
    expect(m.isRam(0x300000n, 1n)).toBe(false);
    expect(m.isRam(0n, 0n)).toBe(false);
    expect(m.layout.typeAt(0xa0000n)).toBe('reserved');
    expect(m.layout.typeAt(0x300000n)).toBe('hole');
  });

  it.each([
    [{ ranges: [ram(0n, 0n)] }, 4096, /^memory map: range 0 length 0 is not a positive bigint$/],
    [{ ranges: [ram(-1n, 1n)] }, 4096, /^memory map: range 0 base -1 is not a bigint/],
    [{ ranges: [ram(0n, 10n), reserved(5n, 10n)] }, 4096, /^memory map: range 1 \(reserved 0x5\.\.0xf\) overlaps range 0 \(ram 0x0\.\.0xa\)$/],
    [{ ranges: [ram((1n << 64n) - 1n, 2n)] }, 4096, /runs past 2\^64/],
    [{ ranges: [{ base: 0n, length: 1n, type: 'rom' } as unknown as MemoryRange] }, 4096, /type "rom"/],
    [{ ranges: [{ base: 0, length: 1n, type: 'ram' } as unknown as MemoryRange] }, 4096, /base 0 is not a bigint/],
    [{ ranges: [] }, 2048, /^memory map: page size 2048 is not a power of two/],
    [{ ranges: [] }, 12288, /page size 12288/],
    [{ ranges: [] }, 2 ** 31, /page size/],
    [{} as never, 4096, /ranges array/],
  ])('rejects %# with a one-line message', (map, pageSize, message) => {
    expect(() => normalizeMemoryMap(map, pageSize)).toThrow(RangeError);
    expect(() => normalizeMemoryMap(map, pageSize)).toThrow(message);
  });

  it('keeps exactly the pages wholly covered by RAM, and isRam agrees with the ranges', () => {
    const PAGE = 4096n;
    const SPACE = 16n * PAGE;
    // Cut points in a small space; consecutive cuts become ranges of random type, or holes.
    const layout = fc
      .uniqueArray(fc.bigInt({ min: 0n, max: SPACE }), { minLength: 2, maxLength: 14 })
      .chain((cuts) => fc.tuple(fc.constant([...cuts].sort((a, b) => (a < b ? -1 : 1))), fc.array(fc.constantFrom('ram', 'reserved', 'hole'), { minLength: cuts.length, maxLength: cuts.length })));
    fc.assert(
      fc.property(layout, fc.bigInt({ min: 0n, max: SPACE }), fc.bigInt({ min: 1n, max: SPACE }), ([cuts, kinds], phys, length) => {
        const ranges: MemoryRange[] = [];
        for (let i = 1; i < cuts.length; i++) {
          if (kinds[i] !== 'hole') ranges.push({ base: cuts[i - 1], length: cuts[i] - cuts[i - 1], type: kinds[i] as MemoryRange['type'] });
        }
        const ramBytes = (lo: bigint, hi: bigint) =>
          ranges.filter((r) => r.type === 'ram').reduce((sum, r) => {
            const a = r.base > lo ? r.base : lo;
            const b = r.base + r.length < hi ? r.base + r.length : hi;
            return b > a ? sum + (b - a) : sum;
          }, 0n);
        const m = normalizeMemoryMap({ ranges: [...ranges].reverse() }, Number(PAGE));
        const usable: number[] = [];
        for (const e of m.extents) for (let f = e.start; f < e.start + e.count; f++) usable.push(f);
        const expected: number[] = [];
        for (let p = 0n; p < SPACE / PAGE; p++) if (ramBytes(p * PAGE, (p + 1n) * PAGE) === PAGE) expected.push(Number(p));
        expect(usable).toEqual(expected);
        expect(m.isRam(phys, length)).toBe(ramBytes(phys, phys + length) === length);
      }),
      { numRuns: 200 },
    );
  });
});
