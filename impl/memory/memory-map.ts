import { hex, isU64 } from '../../spec/address/u64';
import type { MemoryMap, MemoryRange } from '../../spec/interface/memory-map';
import type { FrameExtent } from '../frames/extent';
import { RamRanges, type TypedSpan } from '../../spec/predicates/ram-ranges';

const SPACE_END = 1n << 64n;
const MIN_PAGE_SIZE = 4096;
const MAX_PAGE_SIZE = 2 ** 30;

/** The RAM an allocator may hand out, in whole pages, plus the byte-exact map it came from. */
export interface UsableMemory {
  readonly name: string | undefined;
  readonly pageSize: number;
  /** Whole free-able pages as frame extents (frame = address / pageSize), sorted and disjoint. */
  readonly extents: ReadonlyArray<FrameExtent>;
  /** Sum of the extents' counts. */
  readonly totalFrames: number;
  /** The validated ranges, sorted by base. */
  readonly ranges: ReadonlyArray<MemoryRange>;
  readonly layout: RamRanges;
  /** Whether every byte of [phys, phys + length) is RAM (not a hole, not reserved). */
  isRam(phys: bigint, length: bigint): boolean;
}

function fail(detail: string): never {
  throw new RangeError(`memory map: ${detail}`);
}

function describe(r: MemoryRange, index: number): string {
  return `range ${index} (${r.type} ${hex(r.base)}..${hex(r.base + r.length)})`;
}

function checkPageSize(pageSize: number): void {
  const isPow2 = Number.isInteger(pageSize) && pageSize > 0 && 2 ** Math.round(Math.log2(pageSize)) === pageSize;
  if (!isPow2 || pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
    fail(`page size ${pageSize} is not a power of two between ${MIN_PAGE_SIZE} and 2^30`);
  }
}

function checkRange(r: MemoryRange, index: number): void {
  if (typeof r !== 'object' || r === null) fail(`range ${index} is not an object`);
  if (r.type !== 'ram' && r.type !== 'reserved') fail(`range ${index} has type ${JSON.stringify(r.type)}, expected "ram" or "reserved"`);
  if (!isU64(r.base)) fail(`range ${index} base ${String(r.base)} is not a bigint in 0..2^64-1`);
  if (!isU64(r.length) || r.length === 0n) fail(`range ${index} length ${String(r.length)} is not a positive bigint`);
  if (r.base + r.length > SPACE_END) fail(`${describe(r, index)} runs past 2^64`);
}

/**
 * Validates a memory map and works out which whole pages are usable RAM.
 * Each RAM stretch is trimmed inward to page boundaries, so a page that
 * shares any byte with a reserved range or a hole is never handed out:
 * reserved memory always wins over RAM on a shared page.
 */
export function normalizeMemoryMap(map: MemoryMap, pageSize: number): UsableMemory {
  checkPageSize(pageSize);
  if (typeof map !== 'object' || map === null || !Array.isArray(map.ranges)) fail('expected an object with a ranges array');
  map.ranges.forEach(checkRange);

  const order = map.ranges.map((_, i) => i).sort((a, b) => {
    const d = map.ranges[a].base - map.ranges[b].base;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  });
  // Sorted by base, any overlap shows up between neighbours.
  for (let k = 1; k < order.length; k++) {
    const prev = map.ranges[order[k - 1]];
    const cur = map.ranges[order[k]];
    if (cur.base < prev.base + prev.length) {
      fail(`${describe(cur, order[k])} overlaps ${describe(prev, order[k - 1])}`);
    }
  }

  const ranges = order.map((i) => map.ranges[i]);
  const layout = new RamRanges(ranges.map((r): TypedSpan => ({ base: r.base, end: r.base + r.length, type: r.type })));
  const extents = pageExtents(layout.list(), BigInt(pageSize));
  const totalFrames = extents.reduce((sum, e) => sum + e.count, 0);
  return {
    name: map.name,
    pageSize,
    extents,
    totalFrames,
    ranges,
    layout,
    isRam: (phys, length) => layout.isRam(phys, length),
  };
}

/** Whole pages inside each RAM span. Spans arrive merged, so RAM split across touching ranges still yields its pages. */
function pageExtents(spans: ReadonlyArray<TypedSpan>, pageSize: bigint): FrameExtent[] {
  const extents: FrameExtent[] = [];
  for (const s of spans) {
    if (s.type !== 'ram') continue;
    const first = (s.base + pageSize - 1n) / pageSize;
    const end = s.end / pageSize;
    if (end > first) extents.push({ start: Number(first), count: Number(end - first) });
  }
  return extents;
}
