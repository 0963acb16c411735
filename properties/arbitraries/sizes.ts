import fc from 'fast-check';

/** k pages less one byte, k pages, or k pages and one byte: the sizes where rounding to pages goes wrong. */
export function pageEdgeSizeArb(pageSize: number, maxPages: number): fc.Arbitrary<bigint> {
  const p = BigInt(pageSize);
  return fc.tuple(fc.integer({ min: 1, max: maxPages }), fc.constantFrom(-1n, 0n, 1n)).map(([k, d]) => BigInt(k) * p + d);
}

/**
 * Sizes biased toward edges: one byte, whole pages and a byte either side
 * of them, any size up to a few pages, and sizes no small map can hold
 * (including the largest size_t) so overflow paths are exercised.
 */
export function sizeArb(pageSize: number, maxPages = 16): fc.Arbitrary<bigint> {
  const p = BigInt(pageSize);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(1n) },
    { weight: 6, arbitrary: pageEdgeSizeArb(pageSize, maxPages) },
    { weight: 2, arbitrary: fc.bigInt({ min: 1n, max: BigInt(maxPages) * p }) },
    { weight: 1, arbitrary: fc.constantFrom(1n << 32n, (1n << 32n) + 1n, (1n << 63n) + 1n, (1n << 64n) - 1n) },
  );
}

/** Sizes a small map can usually hold: for sequences that fill memory up. */
export function smallSizeArb(pageSize: number, maxPages = 8): fc.Arbitrary<bigint> {
  const p = BigInt(pageSize);
  return fc.oneof({ weight: 3, arbitrary: pageEdgeSizeArb(pageSize, maxPages) }, { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: BigInt(maxPages) * p }) });
}
