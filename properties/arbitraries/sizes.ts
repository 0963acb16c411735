import fc from 'fast-check';

/**
 * Sizes biased toward edges: one byte, a page and a byte either side, page
 * multiples, a few pages, and sizes no small map can hold (including the
 * largest size_t) so overflow paths are exercised.
 */
export function sizeArb(pageSize: number, maxPages = 16): fc.Arbitrary<bigint> {
  const p = BigInt(pageSize);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(1n, p - 1n, p, p + 1n, 2n * p, 2n * p - 1n, 3n * p + 1n) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: maxPages }).map((n) => BigInt(n) * p) },
    { weight: 2, arbitrary: fc.bigInt({ min: 1n, max: BigInt(maxPages) * p }) },
    { weight: 1, arbitrary: fc.constantFrom(1n << 32n, (1n << 32n) + 1n, (1n << 63n) + 1n, (1n << 64n) - 1n) },
  );
}

/** Sizes a small map can usually hold: for sequences that fill memory up. */
export function smallSizeArb(pageSize: number, maxPages = 8): fc.Arbitrary<bigint> {
  const p = BigInt(pageSize);
  return fc.oneof(
    fc.constantFrom(1n, p - 1n, p, p + 1n),
    fc.integer({ min: 1, max: maxPages }).map((n) => BigInt(n) * p),
    fc.bigInt({ min: 1n, max: BigInt(maxPages) * p }),
  );
}
