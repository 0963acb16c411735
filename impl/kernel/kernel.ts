import { hex } from '../../spec/address/u64';
import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';
import type { SetupConfig } from '../../spec/interface/implementation';
import { FrameAllocator } from '../frames/frame-allocator';
import { createRng } from '../frames/rng';
import { normalizeMemoryMap, type UsableMemory } from '../memory/memory-map';
import type { Allocation, AllocatingService } from './allocation';
import { AllocationTable } from './allocation-table';
import { PageContents } from './contents';
import { DEFAULT_OPTIONS, type ReferenceOptions } from './options';
import { placeContiguous, placeScattered, runRequestFor } from './placement';
import { SleepQueue } from './sleep-queue';
import { VirtualSpace } from './virtual-space';

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

export interface PlacementRequest {
  readonly size: bigint;
  readonly constraints: DmaConstraints;
  readonly service: AllocatingService;
  readonly handle?: number;
  readonly heap?: 'real_heap' | 'pinned_heap';
  readonly zero?: boolean;
}

/**
 * The simulated kernel under both families' services: physical frames from
 * a memory map, kernel virtual mappings, page contents and the sleep queue.
 * It knows nothing of contexts or misuse; the service layers check those.
 */
export class DmaKernel {
  readonly memory: UsableMemory;
  readonly pageBytes: bigint;
  private readonly bytesPerPage: number;
  readonly frames: FrameAllocator;
  readonly table: AllocationTable;
  readonly sleepers = new SleepQueue<Allocation>();
  private readonly vspace: VirtualSpace;
  protected readonly contents: PageContents;
  protected readonly rng: () => number;
  private readonly options: Required<ReferenceOptions>;

  constructor(config: SetupConfig, options: ReferenceOptions = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.memory = normalizeMemoryMap(config.memoryMap, config.pageSize);
    this.pageBytes = BigInt(config.pageSize);
    this.bytesPerPage = config.pageSize;
    this.frames = this.createFrames(this.memory);
    this.table = new AllocationTable(this.pageBytes);
    this.vspace = new VirtualSpace(config.pageSize);
    this.contents = new PageContents(config.pageSize);
    this.rng = createRng(config.seed ?? 0);
    this.applyLoad(this.options.loadFraction);
  }

  /** The frame layer over the usable RAM; a variant may replace it (called from the constructor, before subclass fields exist). */
  protected createFrames(memory: UsableMemory): FrameAllocator {
    return new FrameAllocator(memory.extents);
  }

  /** The rest of the system takes random frames at boot; they are never given back. */
  private applyLoad(fraction: number): void {
    if (!(fraction > 0)) return;
    const count = Math.min(Math.floor(this.frames.totalFrames() * fraction), this.frames.freeFrames());
    for (let i = 0; i < count; i++) this.frames.allocRandomFrame(this.rng);
  }

  /** Places and maps a request, or returns null and changes nothing. */
  tryAllocate(req: PlacementRequest): Allocation | null {
    const pages = this.pagesFor(req.size);
    if (pages > this.frames.freeFrames()) return null;
    const run = runRequestFor(req.constraints, pages, this.pageBytes);
    if (run === null) return null;
    const c = req.constraints;
    const rng = this.options.randomizeFreeList ? this.rng : null;
    const runs = c.contiguous ? placeContiguous(this.frames, run) : placeScattered(this.frames, run, c, req.size, this.pageBytes, rng);
    if (runs === null) return null;
    const vaddr = this.vspace.reserve(pages, c.virtualAlignment);
    if (vaddr === null) {
      for (const r of runs) this.frames.free(r.start, r.count);
      return null;
    }
    if (req.zero) for (const r of runs) this.contents.zero(r.start, r.count);
    const a: Allocation = { vaddr, size: req.size, pages, runs, service: req.service, handle: req.handle, heap: req.heap };
    this.table.add(a);
    return a;
  }

  /**
   * Pages needed for size bytes. Below 2^53 a double holds the size exactly
   * and dividing by a power of two is exact, so the bigint arithmetic is only
   * needed above; a count beyond 2^53 exceeds any free total anyway.
   */
  private pagesFor(size: bigint): number {
    if (size >= 0n && size <= MAX_EXACT) return Math.ceil(Number(size) / this.bytesPerPage);
    return Number((size + this.pageBytes - 1n) / this.pageBytes);
  }

  /** Unmaps and frees an allocation, then serves any sleeper the memory now satisfies. */
  release(a: Allocation): void {
    this.table.remove(a);
    this.vspace.release(a.vaddr, a.pages);
    for (const r of a.runs) this.frames.free(r.start, r.count);
    this.wakeSleepers();
  }

  protected wakeSleepers(): void {
    this.sleepers.wake();
  }

  get realHeapEnabled(): boolean {
    return this.options.aixRealHeap;
  }

  get maxHandles(): number {
    return this.options.maxHandles;
  }

  /** The physical segments behind a virtual range, in virtual order; throws on any unmapped byte. */
  translate(vaddr: bigint, length: bigint): PhysSegment[] {
    const out: PhysSegment[] = [];
    this.walk(vaddr, length, 'translate', (phys, len) => {
      const last = out[out.length - 1];
      if (last !== undefined && last.phys + last.length === phys) out[out.length - 1] = { phys: last.phys, length: last.length + len };
      else out.push({ phys, length: len });
    });
    return out;
  }

  read(vaddr: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let at = 0;
    this.walk(vaddr, BigInt(length), 'read', (phys, len) => {
      this.eachPage(phys, len, (frame, offset, n) => {
        this.contents.read(frame, offset, out, at, n);
        at += n;
      });
    });
    return out;
  }

  write(vaddr: bigint, data: Uint8Array): void {
    let at = 0;
    this.walk(vaddr, BigInt(data.length), 'write', (phys, len) => {
      this.eachPage(phys, len, (frame, offset, n) => {
        this.contents.write(frame, offset, data, at, n);
        at += n;
      });
    });
  }

  private eachPage(phys: bigint, length: bigint, visit: (frame: number, offset: number, n: number) => void): void {
    let p = phys;
    let left = length;
    while (left > 0n) {
      const offset = p % this.pageBytes;
      const n = left < this.pageBytes - offset ? left : this.pageBytes - offset;
      visit(Number(p / this.pageBytes), Number(offset), Number(n));
      p += n;
      left -= n;
    }
  }

  /**
   * Visits the physical pieces of [vaddr, vaddr + length) across however many
   * mappings it spans. Every byte is checked before the first visit, so a
   * write that runs into unmapped memory throws without writing anything.
   */
  private walk(vaddr: bigint, length: bigint, api: string, visit: (phys: bigint, length: bigint) => void): void {
    const pieces: bigint[] = [];
    let v = vaddr;
    let left = length;
    while (left > 0n) {
      const a = this.table.containing(v);
      if (a === undefined) throw new RangeError(`${api}: virtual address ${hex(v)} is not mapped`);
      let offset = v - a.vaddr;
      for (const r of a.runs) {
        const runBytes = BigInt(r.count) * this.pageBytes;
        if (offset >= runBytes) {
          offset -= runBytes;
          continue;
        }
        const n = left < runBytes - offset ? left : runBytes - offset;
        pieces.push(BigInt(r.start) * this.pageBytes + offset, n);
        v += n;
        left -= n;
        offset = 0n;
        if (left === 0n) break;
      }
    }
    for (let i = 0; i < pieces.length; i += 2) visit(pieces[i]!, pieces[i + 1]!);
  }
}
