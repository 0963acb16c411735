import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { U64_MAX, alignUp } from '../../spec/address/u64';
import { LIMIT_24_BIT, LIMIT_32_BIT } from '../../spec/constraints/limits';
import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';
import { checkPlacement, type ConstraintKind } from '../../spec/predicates/check';
import { crossesBoundary, isAligned, touchesAddressZero, withinAddressLimit } from '../../spec/predicates/placement';
import { rangeContains, rangesOverlap } from '../../spec/predicates/range';
import { boundaryPieceCount, coalesceSegments, isContiguous, splitAtBoundaries, totalLength } from '../../spec/predicates/segments';

const small = (max: number) => fc.integer({ min: 0, max }).map(BigInt);
const pow2 = (maxLog: number) => fc.integer({ min: 0, max: maxLog }).map((k) => 1n << BigInt(k));
/** Every physical byte of the segments, in virtual order (small inputs only). */
const bytes = (segs: ReadonlyArray<PhysSegment>): bigint[] =>
  segs.flatMap((s) => Array.from({ length: Number(s.length) }, (_, i) => s.phys + BigInt(i)));
const segment = fc.record({ phys: small(64), length: small(12) });

describe('placement predicates', () => {
  it('isAligned: multiples only; alignment 0 and 1 accept anything', () => {
    expect(isAligned(0x3000n, 0x1000n)).toBe(true);
    expect(isAligned(0x3001n, 0x1000n)).toBe(false);
    expect(isAligned(0x3001n, 1n)).toBe(true);
    expect(isAligned(U64_MAX - 0xfffn, 0x1000n)).toBe(true);
    fc.assert(fc.property(small(5000), pow2(12), (x, a) => isAligned(x, a) === (x % a === 0n)));
  });

  it('crossesBoundary matches a brute-force search for an interior multiple', () => {
    const brute = (s: bigint, len: bigint, b: bigint): boolean => {
      if (b === 0n) return false;
      for (let x = s + 1n; x < s + len; x++) if (x % b === 0n) return true;
      return false;
    };
    fc.assert(fc.property(small(300), small(80), fc.oneof(fc.constant(0n), pow2(6)), (s, len, b) => crossesBoundary(s, len, b) === brute(s, len, b)));
  });

  it('crossesBoundary is exact at the top of the 64-bit range', () => {
    const b = 1n << 20n;
    expect(crossesBoundary((1n << 64n) - b, b, b)).toBe(false);
    expect(crossesBoundary((1n << 64n) - b - 1n, b, b)).toBe(true);
    expect(crossesBoundary(U64_MAX, 1n, 1n << 63n)).toBe(false);
    expect(crossesBoundary((1n << 63n) - 1n, 2n, 1n << 63n)).toBe(true);
    expect(crossesBoundary(1n << 63n, 1n << 63n, 1n << 63n)).toBe(false);
    expect(crossesBoundary(0n, U64_MAX + 1n, 1n << 63n)).toBe(true);
  });

  it('withinAddressLimit: the last byte is at or below the limit', () => {
    expect(withinAddressLimit(LIMIT_32_BIT, 1n, LIMIT_32_BIT)).toBe(true);
    expect(withinAddressLimit(LIMIT_32_BIT, 2n, LIMIT_32_BIT)).toBe(false);
    expect(withinAddressLimit(0n, 1n << 32n, LIMIT_32_BIT)).toBe(true);
    expect(withinAddressLimit(0n, U64_MAX + 1n, U64_MAX)).toBe(true);
    expect(withinAddressLimit(1n, U64_MAX + 1n, U64_MAX)).toBe(false);
    fc.assert(
      fc.property(small(200), fc.integer({ min: 1, max: 50 }).map(BigInt), small(250), (s, len, max) => {
        const brute = bytes([{ phys: s, length: len }]).every((x) => x <= max);
        return withinAddressLimit(s, len, max) === brute;
      }),
    );
  });

  it('touchesAddressZero only for a non-empty range starting at 0', () => {
    expect(touchesAddressZero(0n, 1n)).toBe(true);
    expect(touchesAddressZero(0n, 0n)).toBe(false);
    expect(touchesAddressZero(1n, 4096n)).toBe(false);
  });
});

describe('byte ranges', () => {
  const range = fc.record({ start: small(40), length: small(15) });
  it('rangesOverlap is symmetric and matches brute force', () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        const inA = new Set(bytes([{ phys: a.start, length: a.length }]));
        const brute = bytes([{ phys: b.start, length: b.length }]).some((x) => inA.has(x));
        return rangesOverlap(a, b) === brute && rangesOverlap(b, a) === brute;
      }),
    );
    expect(rangesOverlap({ start: 0n, length: 4n }, { start: 4n, length: 4n })).toBe(false);
    expect(rangesOverlap({ start: U64_MAX, length: 1n }, { start: 0n, length: U64_MAX + 1n })).toBe(true);
  });

  it('rangeContains matches brute force', () => {
    fc.assert(
      fc.property(range, range, (o, i) => {
        const lo = i.start >= o.start, hi = i.start + i.length <= o.start + o.length;
        return rangeContains(o, i) === (lo && hi);
      }),
    );
  });
});

describe('segments', () => {
  it('coalesceSegments keeps the bytes in order, drops empties, merges every adjacency', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segs) => {
        const out = coalesceSegments(segs);
        expect(bytes(out)).toEqual(bytes(segs));
        expect(totalLength(out)).toBe(totalLength(segs));
        expect(out.every((s) => s.length > 0n)).toBe(true);
        for (let i = 1; i < out.length; i++) expect(out[i - 1]!.phys + out[i - 1]!.length).not.toBe(out[i]!.phys);
      }),
    );
    expect(coalesceSegments([{ phys: 4n, length: 4n }, { phys: 0n, length: 4n }])).toHaveLength(2);
  });

  it('isContiguous: one physical run in virtual order', () => {
    expect(isContiguous([])).toBe(true);
    expect(isContiguous([{ phys: 0x1000n, length: 0x1000n }, { phys: 0x2000n, length: 0x10n }])).toBe(true);
    expect(isContiguous([{ phys: 0x2000n, length: 0x1000n }, { phys: 0x1000n, length: 0x1000n }])).toBe(false);
    expect(isContiguous([{ phys: 0x1000n, length: 0x1000n }, { phys: 0x9000n, length: 0n }])).toBe(true);
  });

  it('splitAtBoundaries preserves bytes and order, and no piece crosses', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.oneof(fc.constant(0n), pow2(5)), (segs, b) => {
        const out = splitAtBoundaries(segs, b);
        expect(bytes(out)).toEqual(bytes(segs));
        expect(totalLength(out)).toBe(totalLength(segs));
        for (const p of out) expect(crossesBoundary(p.phys, p.length, b)).toBe(false);
      }),
    );
    const s = [{ phys: 0x1800n, length: 0x1000n }];
    expect(splitAtBoundaries(s, 0n)).toEqual(s);
    expect(splitAtBoundaries(s, 0n)).not.toBe(s);
    expect(splitAtBoundaries(s, 0x1000n)).toEqual([{ phys: 0x1800n, length: 0x800n }, { phys: 0x2000n, length: 0x800n }]);
  });

  it('boundaryPieceCount counts the pieces splitAtBoundaries makes of the non-empty segments', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.oneof(fc.constant(0n), pow2(5)), (segs, b) => {
        expect(boundaryPieceCount(segs, b)).toBe(BigInt(splitAtBoundaries(segs.filter((s) => s.length > 0n), b).length));
      }),
    );
    // 4 GiB under a 4 KiB boundary: a million entries, counted without a million objects.
    expect(boundaryPieceCount([{ phys: 0x800n, length: 1n << 32n }], 0x1000n)).toBe((1n << 20n) + 1n);
  });
});

describe('checkPlacement', () => {
  const loose: DmaConstraints = {
    alignment: 0x1000n, virtualAlignment: 0x1000n, boundary: 0x10000n, maxAddress: LIMIT_32_BIT,
    noZeroAddress: true, contiguous: true, maxSegments: 1,
  };
  const good: PhysSegment[] = [{ phys: 0x2000n, length: 0x1000n }, { phys: 0x3000n, length: 0x1000n }];
  const kinds = (v: bigint, size: bigint, segs: PhysSegment[], c: DmaConstraints): ConstraintKind[] =>
    checkPlacement(v, size, segs, c).map((b) => b.kind);

  it('finds nothing wrong with a good placement', () => {
    expect(checkPlacement(0xffff800000000000n, 0x2000n, good, loose)).toEqual([]);
  });

  it.each<[ConstraintKind, bigint, bigint, PhysSegment[], Partial<DmaConstraints>]>([
    ['length', 0x1000n, 0x3000n, good, {}],
    ['alignment', 0x1000n, 0x2000n, [{ phys: 0x2800n, length: 0x2000n }], {}],
    ['virtual-alignment', 0x1001n, 0x2000n, good, {}],
    ['boundary', 0x1000n, 0x2000n, [{ phys: 0xf000n, length: 0x2000n }], {}],
    ['address-limit', 0x1000n, 0x2000n, [{ phys: LIMIT_32_BIT - 0xfffn, length: 0x2000n }], { boundary: 0n }],
    ['zero-address', 0x1000n, 0x1000n, [{ phys: 0n, length: 0x1000n }], {}],
    ['contiguity', 0x1000n, 0x2000n, [good[1]!, good[0]!], { maxSegments: 0 }],
    // One run within the list's limit that spans a boundary: the split at the boundary overflows the list, and the boundary is what broke.
    ['boundary', 0x1000n, 0x2000n, [{ phys: 0xf000n, length: 0x2000n }], { contiguous: false }],
    ['segment-count', 0x1000n, 0x3000n, [{ phys: 0xf000n, length: 0x2000n }, { phys: 0x20000n, length: 0x1000n }], { contiguous: false, maxSegments: 1 }],
    ['segment-count', 0x1000n, 0x2000n, [good[1]!, good[0]!], { contiguous: false, maxSegments: 1 }],
  ])('reports %s for a placement crafted to break it', (kind, v, size, segs, change) => {
    expect(kinds(v, size, segs, { ...loose, ...change })).toEqual([kind]);
  });

  it('reports nothing for placements built to satisfy random constraints', () => {
    const limits = fc.constantFrom(LIMIT_24_BIT, LIMIT_32_BIT, U64_MAX);
    const bases = fc.constantFrom(0n, 1n << 20n, 1n << 32n, 1n << 63n, U64_MAX - (1n << 26n));
    const arb = fc.record({
      alignLog: fc.integer({ min: 0, max: 16 }), vAlignLog: fc.integer({ min: 0, max: 16 }),
      boundaryLog: fc.option(fc.integer({ min: 8, max: 20 }), { nil: undefined }), maxAddress: limits,
      noZeroAddress: fc.boolean(), contiguous: fc.boolean(), maxSegments: fc.integer({ min: 0, max: 4 }),
      base: bases, vslot: small(1000), lengths: fc.array(fc.integer({ min: 1, max: 1 << 16 }).map(BigInt), { minLength: 1, maxLength: 4 }),
      gaps: fc.array(fc.integer({ min: 1, max: 1 << 14 }).map(BigInt), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, (g) => {
        const boundary = g.boundaryLog === undefined ? 0n : 1n << BigInt(g.boundaryLog);
        const cap = (len: bigint) => (boundary !== 0n && len > boundary ? boundary : len);
        const count = g.contiguous ? 1 : g.maxSegments === 0 ? g.lengths.length : Math.min(g.maxSegments, g.lengths.length);
        const lengths = g.lengths.slice(0, count).map(cap);
        const c: DmaConstraints = {
          alignment: 1n << BigInt(g.alignLog), virtualAlignment: 1n << BigInt(g.vAlignLog), boundary,
          maxAddress: g.maxAddress, noZeroAddress: g.noZeroAddress, contiguous: g.contiguous,
          maxSegments: g.contiguous ? 1 : g.maxSegments,
        };
        let cursor = alignUp(g.base === 0n && g.noZeroAddress ? 1n : g.base, c.alignment);
        const segs: PhysSegment[] = lengths.map((length, i) => {
          if (crossesBoundary(cursor, length, boundary)) cursor = alignUp(cursor, boundary);
          const seg = { phys: cursor, length };
          cursor += length + g.gaps[i]!;
          return seg;
        });
        fc.pre(segs.every((s) => withinAddressLimit(s.phys, s.length, c.maxAddress)));
        const order = g.contiguous ? segs : [segs[0]!, ...segs.slice(1).reverse()];
        expect(checkPlacement(g.vslot * c.virtualAlignment, totalLength(segs), order, c)).toEqual([]);
      }),
    );
  });
});
