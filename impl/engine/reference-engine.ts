import type { CoreRange, CoreSegment, PlacementCore, PlacementRequest } from '../../core/contract';
import type { DmaConstraints } from '../../spec/constraints/types';
import { FrameAllocator } from '../frames/frame-allocator';
import { createRng } from '../frames/rng';
import type { ReferenceOptions } from '../kernel/options';
import { normalizeMemoryMap, type UsableMemory } from '../memory/memory-map';
import { placeContiguous, placeScattered, runRequestFor } from './placement';

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** A core request in the constraint terms the frame placement works in. */
function constraintsOf(r: PlacementRequest, contiguous: boolean, maxSegments: number): DmaConstraints {
  return { alignment: r.align, virtualAlignment: 1n, boundary: r.boundary, maxAddress: r.highest, noZeroAddress: r.lowest > 0n, contiguous, maxSegments };
}

/**
 * The reference's placement engine: the extent/frame allocator of
 * impl/frames as a placement core. Page-granular inside: the RAM it is
 * given is trimmed inward to whole pages, every request takes whole pages,
 * first fit by address. It also answers allocScattered, taking pieces of
 * the free extents lowest first (or single random frames when the free list
 * is randomised) when no one run fits.
 */
export class ReferenceEngine implements PlacementCore {
  readonly name: string = 'reference';
  private memoryState: UsableMemory | null = null;
  private framesState: FrameAllocator | null = null;
  private pageBytes = 4096n;
  private bytesPerPage = 4096;
  protected rng: () => number;

  constructor(
    private readonly options: ReferenceOptions = {},
    private readonly seed = 0,
  ) {
    this.rng = createRng(seed);
  }

  init(ranges: ReadonlyArray<CoreRange>, pageSize: number): void {
    this.memoryState = normalizeMemoryMap({ ranges: ranges.map((r) => ({ type: 'ram' as const, base: r.base, length: r.length })) }, pageSize);
    this.pageBytes = BigInt(pageSize);
    this.bytesPerPage = pageSize;
    this.rng = createRng(this.seed);
    this.framesState = this.createFrames(this.memoryState);
    this.applyLoad(this.options.loadFraction ?? 0);
  }

  /** The frame layer over the usable RAM; a variant may replace it. */
  protected createFrames(memory: UsableMemory): FrameAllocator {
    return new FrameAllocator(memory.extents);
  }

  get memory(): UsableMemory {
    if (this.memoryState === null) throw new Error('reference engine: init() has not been called');
    return this.memoryState;
  }

  get frames(): FrameAllocator {
    if (this.framesState === null) throw new Error('reference engine: init() has not been called');
    return this.framesState;
  }

  get pageSize(): bigint {
    return this.pageBytes;
  }

  /** The rest of the system takes random frames at boot; they are never given back. */
  private applyLoad(fraction: number): void {
    if (!(fraction > 0)) return;
    const frames = this.frames;
    const count = Math.min(Math.floor(frames.totalFrames() * fraction), frames.freeFrames());
    for (let i = 0; i < count; i++) frames.allocRandomFrame(this.rng);
  }

  alloc(request: PlacementRequest): bigint | null {
    const pages = this.pagesFor(request.size);
    if (pages > this.frames.freeFrames()) return null;
    const run = runRequestFor(constraintsOf(request, true, 0), pages, this.pageBytes);
    if (run === null) return null;
    const runs = placeContiguous(this.frames, run);
    return runs === null ? null : BigInt(runs[0]!.start) * this.pageBytes;
  }

  allocScattered(request: PlacementRequest, maxSegments: number): ReadonlyArray<CoreSegment> | null {
    const pages = this.pagesFor(request.size);
    if (pages > this.frames.freeFrames()) return null;
    const c = constraintsOf(request, false, maxSegments);
    const run = runRequestFor(c, pages, this.pageBytes);
    if (run === null) return null;
    const rng = this.options.randomizeFreeList === true ? this.rng : null;
    const runs = placeScattered(this.frames, run, c, request.size, this.pageBytes, rng);
    if (runs === null) return null;
    const segments = runs.map((r) => ({ phys: BigInt(r.start) * this.pageBytes, length: BigInt(r.count) * this.pageBytes }));
    // The last page is only partly asked for: the piece ends where the request does.
    const last = segments[segments.length - 1]!;
    segments[segments.length - 1] = { phys: last.phys, length: last.length - (BigInt(pages) * this.pageBytes - request.size) };
    return segments;
  }

  free(address: bigint, size: bigint): void {
    this.frames.free(Number(address / this.pageBytes), this.pagesFor(size));
  }

  /**
   * Pages needed for size bytes. Below 2^53 a double holds the size exactly
   * and dividing by a power of two is exact, so the bigint arithmetic is only
   * needed above; a count beyond 2^53 exceeds any free total anyway.
   */
  protected pagesFor(size: bigint): number {
    if (size >= 0n && size <= MAX_EXACT) return Math.ceil(Number(size) / this.bytesPerPage);
    return Number((size + this.pageBytes - 1n) / this.pageBytes);
  }
}
