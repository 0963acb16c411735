import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  U64_MAX,
  alignDown,
  alignUp,
  hex,
  isPowerOfTwo,
  isU64,
  log2Exact,
  parseU64,
  toSafeNumber,
} from '../../spec/address/u64';

const u64 = fc.bigInt({ min: 0n, max: U64_MAX });
const log2 = fc.integer({ min: 0, max: 63 });
const pow2 = log2.map((k) => 1n << BigInt(k));

describe('parseU64', () => {
  it('parses decimal and 0x-hex strings, bigints and safe numbers', () => {
    expect(parseU64('0')).toBe(0n);
    expect(parseU64('4096')).toBe(4096n);
    expect(parseU64('0x1000')).toBe(4096n);
    expect(parseU64('0xFFFF888000000000')).toBe(0xffff888000000000n);
    expect(parseU64(' 12 ')).toBe(12n);
    expect(parseU64('18446744073709551615')).toBe(U64_MAX);
    expect(parseU64('0xffffffffffffffff')).toBe(U64_MAX);
    expect(parseU64(7n)).toBe(7n);
    expect(parseU64(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('round-trips every 64-bit value through decimal and hex', () => {
    fc.assert(fc.property(u64, (v) => parseU64(v.toString()) === v && parseU64(hex(v)) === v && parseU64(v) === v));
  });

  it('rejects unsafe numbers, naming the value and suggesting strings', () => {
    expect(() => parseU64(2 ** 53, 'size')).toThrow(RangeError);
    expect(() => parseU64(2 ** 53, 'size')).toThrow(/^size: 9007199254740992 is not an exact integer; pass 64-bit values as strings/);
    expect(() => parseU64(1.5)).toThrow(/^value: 1\.5 is not an exact integer/);
    expect(() => parseU64(Number.NaN)).toThrow(/not an exact integer/);
  });

  it('rejects negatives and values above 2^64-1', () => {
    expect(() => parseU64(-1)).toThrow(/^value: -0x1 is outside 0\.\.2\^64-1/);
    expect(() => parseU64(-5n, 'addr')).toThrow(/^addr: -0x5 is outside/);
    expect(() => parseU64('18446744073709551616')).toThrow(/^value: 0x10000000000000000 is outside 0\.\.2\^64-1/);
    expect(() => parseU64(U64_MAX + 1n)).toThrow(RangeError);
    expect(() => parseU64('-1')).toThrow(TypeError);
  });

  it('rejects garbage with a TypeError naming the input', () => {
    for (const bad of ['', '  ', '0x', '12abc', '1e3', '0b101', '0o17', '1.0', '+1', 'ten', null, undefined, {}, [], true]) {
      expect(() => parseU64(bad, 'length'), JSON.stringify(bad)).toThrow(TypeError);
    }
    expect(() => parseU64('12abc', 'length')).toThrow(/^length: "12abc" is not an unsigned integer \(decimal or 0x-hex string\)/);
  });
});

describe('hex and isU64', () => {
  it('formats lower-case with 0x, negatives with a sign', () => {
    expect(hex(0n)).toBe('0x0');
    expect(hex(0xABCn)).toBe('0xabc');
    expect(hex(U64_MAX)).toBe('0xffffffffffffffff');
    expect(hex(-16n)).toBe('-0x10');
  });

  it('accepts exactly the bigints in 0..2^64-1', () => {
    expect(isU64(0n)).toBe(true);
    expect(isU64(U64_MAX)).toBe(true);
    expect(isU64(U64_MAX + 1n)).toBe(false);
    expect(isU64(-1n)).toBe(false);
    expect(isU64(1)).toBe(false);
    expect(isU64('1')).toBe(false);
  });
});

describe('isPowerOfTwo and log2Exact', () => {
  it('recognises exactly the powers of two', () => {
    expect(isPowerOfTwo(0n)).toBe(false);
    expect(isPowerOfTwo(-2n)).toBe(false);
    expect(isPowerOfTwo(1n)).toBe(true);
    expect(isPowerOfTwo(1n << 63n)).toBe(true);
    expect(isPowerOfTwo(U64_MAX)).toBe(false);
    const brute = (v: bigint): boolean => Array.from({ length: 66 }, (_, k) => 1n << BigInt(k)).includes(v);
    fc.assert(fc.property(fc.bigInt({ min: -4n, max: 1n << 65n }), (v) => isPowerOfTwo(v) === brute(v)));
  });

  it('inverts 1 << k and refuses non-powers', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), (k) => log2Exact(1n << BigInt(k)) === k));
    expect(() => log2Exact(0n)).toThrow(/^log2Exact: 0x0 is not a power of two/);
    expect(() => log2Exact(12n)).toThrow(/^log2Exact: 0xc is not a power of two/);
    expect(() => log2Exact(-4n)).toThrow(RangeError);
  });
});

describe('alignUp and alignDown', () => {
  it('alignUp(x, a) is the least multiple of a at or above x', () => {
    fc.assert(
      fc.property(u64, pow2, (x, a) => {
        const up = alignUp(x, a);
        return up >= x && up % a === 0n && up < x + a;
      }),
    );
  });

  it('alignDown(x, a) is the greatest multiple of a at or below x', () => {
    fc.assert(
      fc.property(u64, pow2, (x, a) => {
        const down = alignDown(x, a);
        return down <= x && down % a === 0n && down > x - a && down >= 0n;
      }),
    );
  });

  it('agree on multiples, differ by a otherwise; also for non-power alignments', () => {
    fc.assert(
      fc.property(u64, fc.bigInt({ min: 1n, max: 1n << 40n }), (x, a) => {
        const up = alignUp(x, a);
        const down = alignDown(x, a);
        return x % a === 0n ? up === x && down === x : up - down === a && up % a === 0n && down % a === 0n;
      }),
    );
  });

  it('is exact at the top of the 64-bit range', () => {
    expect(alignUp(U64_MAX, 4096n)).toBe(1n << 64n);
    expect(alignDown(U64_MAX, 4096n)).toBe(U64_MAX - 4095n);
    expect(alignUp(U64_MAX, 1n)).toBe(U64_MAX);
    expect(alignDown(U64_MAX, 1n << 63n)).toBe(1n << 63n);
  });
});

describe('toSafeNumber', () => {
  it('converts exactly within the safe range and refuses outside it', () => {
    expect(toSafeNumber(0n)).toBe(0);
    expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(BigInt(Number.MIN_SAFE_INTEGER))).toBe(Number.MIN_SAFE_INTEGER);
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'frames')).toThrow(
      /^frames: 0x20000000000000 does not fit an exact JavaScript number/,
    );
    expect(() => toSafeNumber(BigInt(Number.MIN_SAFE_INTEGER) - 1n)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.bigInt({ min: BigInt(Number.MIN_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) }), (v) => BigInt(toSafeNumber(v)) === v),
    );
  });
});
