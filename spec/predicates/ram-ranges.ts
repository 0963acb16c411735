import type { MemoryRangeType } from '../interface/memory-map';

/** A byte range [base, end) of one type; end may be 2^64. */
export interface TypedSpan {
  readonly base: bigint;
  readonly end: bigint;
  readonly type: MemoryRangeType;
}

/**
 * The byte-exact layout of a validated memory map, for questions the
 * page-frame view cannot answer: RAM that was trimmed off because it shares
 * a page with a reserved range is still RAM here.
 */
export class RamRanges {
  private readonly spans: ReadonlyArray<TypedSpan>;

  /**
   * Spans must be sorted and disjoint. Touching spans of the same type are
   * merged so that a query crossing the seam between two RAM ranges succeeds.
   */
  constructor(spans: ReadonlyArray<TypedSpan>) {
    const merged: TypedSpan[] = [];
    for (const s of spans) {
      const prev = merged[merged.length - 1];
      if (prev !== undefined && s.base < prev.end) throw new RangeError('RamRanges: spans overlap or are out of order');
      if (prev !== undefined && prev.end === s.base && prev.type === s.type) {
        merged[merged.length - 1] = { base: prev.base, end: s.end, type: s.type };
      } else {
        merged.push({ ...s });
      }
    }
    this.spans = merged;
  }

  /** Whether every byte of [phys, phys + length) is RAM. An empty or negative range backs nothing, so false. */
  isRam(phys: bigint, length: bigint): boolean {
    if (length <= 0n || phys < 0n) return false;
    const span = this.spanAt(phys);
    return span !== undefined && span.type === 'ram' && phys + length <= span.end;
  }

  /** What the map says lies at one physical address. */
  typeAt(phys: bigint): MemoryRangeType | 'hole' {
    return this.spanAt(phys)?.type ?? 'hole';
  }

  /** The merged spans in ascending order. */
  list(): ReadonlyArray<TypedSpan> {
    return this.spans;
  }

  private spanAt(phys: bigint): TypedSpan | undefined {
    const spans = this.spans;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (spans[mid].base <= phys) lo = mid + 1;
      else hi = mid;
    }
    const span = spans[lo - 1];
    return span !== undefined && phys < span.end ? span : undefined;
  }
}
