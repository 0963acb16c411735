import { hex } from '../../spec/address/u64';
import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';
import type { MemoryMap } from '../../spec/interface/memory-map';
import { ClauseFailure } from '../harness/failures';
import type { FailureRegion, RegionAllocation } from '../harness/region';

/**
 * What a report needs to draw a failure, as plain JSON: every address is a
 * 0x string, exact to 64 bits. A range carries its last byte rather than its
 * end, so a range reaching the top of the address space stays in 0..2^64-1.
 */
export interface PictureRange {
  readonly base: string;
  readonly last: string;
  readonly type: 'ram' | 'reserved';
}

export interface PictureAllocation {
  readonly vaddr: string;
  readonly size: string;
  readonly segments: ReadonlyArray<{ readonly phys: string; readonly length: string }>;
}

export interface PictureConstraints {
  readonly alignment: string;
  /** 0x0 for none. */
  readonly boundary: string;
  readonly maxAddress: string;
  readonly contiguous: boolean;
  readonly noZeroAddress: boolean;
  readonly maxSegments: number;
}

export interface FailurePicture {
  readonly pageSize?: number;
  /** The memory map the allocator was given; gaps between ranges are holes. */
  readonly ranges: ReadonlyArray<PictureRange>;
  /** Allocations live when the clause broke (the offending one excluded). */
  readonly live: ReadonlyArray<PictureAllocation>;
  /** The allocation that broke the clause. */
  readonly run?: PictureAllocation;
  readonly constraints?: PictureConstraints;
}

const segment = (s: PhysSegment) => ({ phys: hex(s.phys), length: hex(s.length) });
const allocation = (a: RegionAllocation): PictureAllocation => ({ vaddr: hex(a.vaddr), size: hex(a.size), segments: a.segments.map(segment) });

function constraints(c: DmaConstraints): PictureConstraints {
  return {
    alignment: hex(c.alignment),
    boundary: hex(c.boundary),
    maxAddress: hex(c.maxAddress),
    contiguous: c.contiguous,
    noZeroAddress: c.noZeroAddress,
    maxSegments: c.maxSegments,
  };
}

export function pictureOf(map: MemoryMap | undefined, pageSize: number | undefined, region: FailureRegion | undefined): FailurePicture {
  const ranges = (map?.ranges ?? [])
    .filter((r) => r.length > 0n)
    .map((r) => ({ base: hex(r.base), last: hex(r.base + r.length - 1n), type: r.type }))
    .sort((a, b) => (BigInt(a.base) < BigInt(b.base) ? -1 : 1));
  return {
    ...(pageSize === undefined ? {} : { pageSize }),
    ranges,
    live: (region?.live ?? []).map(allocation),
    ...(region?.run === undefined ? {} : { run: allocation(region.run) }),
    ...(region?.constraints === undefined ? {} : { constraints: constraints(region.constraints) }),
  };
}

/** Properties carry their map as `gen` (properties/arbitraries/memory-maps.ts); anything else has none to show. */
function generatedMap(input: unknown): { map: MemoryMap; pageSize: number } | undefined {
  const gen = (input as { gen?: { map?: MemoryMap; pageSize?: number } } | null | undefined)?.gen;
  if (gen?.map === undefined || !Array.isArray(gen.map.ranges) || typeof gen.pageSize !== 'number') return undefined;
  return { map: gen.map, pageSize: gen.pageSize };
}

/** The picture of a failed run, or nothing when neither the input nor the failure says where in memory it happened. */
export function failurePicture(input: unknown, error: unknown): FailurePicture | undefined {
  const gen = generatedMap(input);
  const region = error instanceof ClauseFailure ? error.region : undefined;
  if (gen === undefined && region === undefined) return undefined;
  return pictureOf(gen?.map, gen?.pageSize, region);
}
