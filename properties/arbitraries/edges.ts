import fc from 'fast-check';
import type { DmaConstraints } from '../../spec/constraints/types';
import { LIMIT_64_BIT } from '../../spec/constraints/limits';
import type { MemoryRange } from '../../spec/interface/memory-map';
import { dedupe, type GeneratedMap } from './memory-maps';

const MB = 1n << 20n;
const SPACE_END = 1n << 64n;
const FIXED_EDGES: ReadonlyArray<bigint> = [16n * MB, 1n << 32n];

/**
 * Addresses where a request's own constraints change the answer: multiples
 * of its boundary and of its alignment (odd multiples too, which are aligned
 * to nothing larger), the first address past its limit, and the 16 MiB and
 * 4 GiB limits every allocator knows.
 */
export function edgePoints(c: DmaConstraints, pageSize: bigint, room: bigint): bigint[] {
  const points = [...FIXED_EDGES];
  for (const step of [c.boundary, c.alignment]) {
    if (step <= pageSize) continue;
    points.push(step, 3n * step, ((1n << 32n) + step - 1n) / step * step);
  }
  if (c.maxAddress < LIMIT_64_BIT) points.push(c.maxAddress + 1n, c.maxAddress + 1n);
  return points.filter((m) => m >= room && m + room <= SPACE_END);
}

export interface EdgeLayout {
  /** Whole pages of RAM before the edge and after it. */
  readonly before: number;
  readonly after: number;
  /** Bytes by which the range's ends miss the page grid (outward at the base, inward at the end). */
  readonly head: bigint;
  readonly tail: bigint;
  /** Pages of small fragments below the range, each a hole apart: fits the request cannot use. */
  readonly decoys: ReadonlyArray<number>;
  /** A reserved page right after the range, as firmware maps often have. */
  readonly reservedAfter: boolean;
}

export const edgeLayoutArb = (maxPages: number): fc.Arbitrary<EdgeLayout> =>
  fc.record({
    before: fc.integer({ min: 0, max: maxPages + 1 }),
    after: fc.integer({ min: 0, max: 3 }),
    head: fc.oneof({ weight: 2, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.constantFrom(1n, 0x800n) }),
    tail: fc.oneof({ weight: 2, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.constantFrom(1n, 0x800n) }),
    decoys: fc.array(fc.integer({ min: 1, max: maxPages }), { maxLength: 3 }),
    reservedAfter: fc.boolean(),
  });

/**
 * A map whose usable RAM sits around one edge: `before` whole pages end at
 * the edge and `after` pages follow, so the only fits for a request of a few
 * pages end exactly at it, just past it, or cross it.
 */
export function edgeMap(edge: bigint, layout: EdgeLayout, pageSize: number): GeneratedMap {
  const p = BigInt(pageSize);
  const base = edge - BigInt(layout.before) * p - layout.head;
  const end = edge + BigInt(layout.after) * p - layout.tail;
  const ranges: MemoryRange[] = [];
  if (end > base) ranges.push({ base, length: end - base, type: 'ram' });
  if (layout.reservedAfter && end + p <= SPACE_END) ranges.push({ base: end, length: p, type: 'reserved' });
  let at = base - p;
  for (const pages of layout.decoys) {
    const start = at - BigInt(pages) * p;
    if (start < 0n) break;
    ranges.push({ base: start, length: at - start, type: 'ram' });
    at = start - p;
  }
  if (ranges.length === 0) ranges.push({ base: edge, length: p, type: 'ram' });
  return { pageSize, map: { name: 'edge', ranges: dedupe(ranges) } };
}

export interface EdgeRequest<S> {
  readonly gen: GeneratedMap;
  readonly shape: S;
  readonly size: bigint;
}

/** Most pages a request aimed at an edge spans. */
const EDGE_PAGES = 8;

/**
 * A request of k pages less one byte, k pages, or k pages and one byte, on
 * a map shaped around one of its edges (see edgePoints and edgeMap).
 */
/** `constraints` is asked for a one-page request: the edges that matter (limits, boundaries, alignments) do not depend on the size but for Linux's order alignment. */
export function edgeRequestArb<S>(shapeArb: fc.Arbitrary<S>, constraints: (shape: S, size: bigint, pageBytes: bigint) => DmaConstraints): fc.Arbitrary<EdgeRequest<S>> {
  return fc.tuple(fc.constantFrom(4096, 4096, 16384), shapeArb).chain(([pageSize, shape]) => {
    const p = BigInt(pageSize);
    const points = edgePoints(constraints(shape, p, p), p, 4n * BigInt(EDGE_PAGES) * p);
    return fc
      .record({
        edge: fc.constantFrom(...points),
        layout: edgeLayoutArb(EDGE_PAGES),
        pages: fc.integer({ min: 1, max: EDGE_PAGES }),
        delta: fc.constantFrom(-1n, 0n, 1n),
      })
      .map(({ edge, layout, pages, delta }) => ({ gen: edgeMap(edge, layout, pageSize), shape, size: BigInt(pages) * p + delta }));
  });
}
