/** Half-open byte ranges [start, start + length). */
export interface ByteRange {
  readonly start: bigint;
  readonly length: bigint;
}

export function rangeEnd(r: ByteRange): bigint {
  return r.start + r.length;
}

export function rangesOverlap(a: ByteRange, b: ByteRange): boolean {
  if (a.length === 0n || b.length === 0n) return false;
  return a.start < rangeEnd(b) && b.start < rangeEnd(a);
}

export function rangeContains(outer: ByteRange, inner: ByteRange): boolean {
  return inner.start >= outer.start && rangeEnd(inner) <= rangeEnd(outer);
}
