import { hex } from '../../../spec/address/u64';
import { violation } from '../../../spec/rules/guards';
import type { DmaConstraints, PhysSegment } from '../../../spec/constraints/types';
import type { SetupConfig } from '../../../spec/interface/implementation';
import { RamRanges, type TypedSpan } from '../../../spec/predicates/ram-ranges';
import type { CoreRange, PlacementCore } from '../../contract';
import { coreRequest } from '../request';
import type { Allocation, AllocatingService } from './allocation';
import { AllocationTable } from './allocation-table';
import { contentsFor, type PhysicalBytes } from './contents';
import { LentBytes } from './lent-bytes';
import { DEFAULT_LAYER_OPTIONS, type LayerOptions } from './options';
import { layoutOf } from './pieces';
import { SleepQueue } from './sleep-queue';
import { VirtualSpace } from './virtual-space';

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const U64_END = 1n << 64n;

/** One allocation as the services ask the kernel for it. */
export interface ServiceRequest {
  readonly size: bigint;
  readonly constraints: DmaConstraints;
  readonly service: AllocatingService;
  readonly handle?: number;
  readonly heap?: 'real_heap' | 'pinned_heap';
  readonly zero?: boolean;
}

/** The RAM of a memory map, byte-exact, touching ranges merged, in address order: what a core places in. */
export function ramRanges(config: SetupConfig): CoreRange[] {
  const sorted = [...config.memoryMap.ranges].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  const spans = new RamRanges(sorted.map((r): TypedSpan => ({ base: r.base, end: r.base + r.length, type: r.type })));
  return spans
    .list()
    .filter((s) => s.type === 'ram' && s.end > s.base)
    .map((s) => ({ base: s.base, length: s.end - s.base }));
}

/**
 * The kernel under both families' services, over a placement core: it asks
 * the core where memory goes, maps the answer into kernel virtual space,
 * keeps the contents and the sleep queue. The core's answer is passed on as
 * it came; judging it is the properties' work, so a wrong answer is never
 * corrected. It knows nothing of contexts or misuse; the services check those.
 */
export class DmaKernel {
  readonly pageBytes: bigint;
  private readonly bytesPerPage: number;
  readonly ram: ReadonlyArray<CoreRange>;
  readonly table: AllocationTable;
  readonly sleepers = new SleepQueue<Allocation>();
  private readonly vspace: VirtualSpace;
  protected readonly contents: PhysicalBytes;
  private readonly lent: LentBytes;
  private readonly options: Required<LayerOptions>;

  constructor(
    config: SetupConfig,
    readonly engine: PlacementCore,
    options: LayerOptions = {},
  ) {
    this.options = { ...DEFAULT_LAYER_OPTIONS, ...options };
    this.pageBytes = BigInt(config.pageSize);
    this.bytesPerPage = config.pageSize;
    this.ram = ramRanges(config);
    engine.init(this.ram, config.pageSize);
    this.table = new AllocationTable(this.pageBytes);
    this.vspace = new VirtualSpace(config.pageSize);
    this.lent = new LentBytes(contentsFor(engine, config.pageSize));
    this.contents = this.lent;
  }

  /** Places and maps a request, or returns null having changed nothing. */
  tryAllocate(req: ServiceRequest): Allocation | null {
    const segments = this.place(req.size, req.constraints);
    if (segments === null) return null;
    this.judgeOutsideU64(req, segments);
    const pages = this.pagesFor(req.size);
    const vaddr = pages <= Number.MAX_SAFE_INTEGER ? this.vspace.reserve(pages, req.constraints.virtualAlignment) : null;
    if (vaddr === null) {
      this.judgeUnmappable(req, segments);
      // The kernel, not the core, has no room left: give the memory back and answer NULL.
      this.giveBack(segments);
      return null;
    }
    const layout = layoutOf(segments);
    if (req.zero) for (const s of layout.segments) this.contents.zero(s.phys, s.length);
    const a: Allocation = { vaddr, size: req.size, pages, segments: layout.segments, pieces: layout.pieces, service: req.service, handle: req.handle, heap: req.heap };
    this.table.add(a);
    return a;
  }

  /**
   * The core's answer for size bytes under c. A request that may scatter
   * goes to the core's allocScattered when it has one, else every request
   * is one run from alloc.
   */
  protected place(size: bigint, c: DmaConstraints): PhysSegment[] | null {
    const core = this.engine;
    if (!c.contiguous && typeof core.allocScattered === 'function') {
      const raw = { size, align: c.alignment, boundary: c.boundary, lowest: c.noZeroAddress ? 1n : 0n, highest: c.maxAddress };
      const got: unknown = core.allocScattered(raw, c.maxSegments);
      if (got === null) return null;
      return this.checkSegments(got, size);
    }
    const phys: unknown = core.alloc(coreRequest(size, c));
    if (phys === null) return null;
    if (typeof phys !== 'bigint') throw new TypeError(`core ${core.name}: alloc returned ${String(phys)}, neither a bigint address nor null`);
    return [{ phys, length: size }];
  }

  private checkSegments(got: unknown, size: bigint): PhysSegment[] {
    const name = this.engine.name;
    if (!Array.isArray(got) || got.length === 0) throw new TypeError(`core ${name}: allocScattered returned ${String(got)}, neither pieces nor null`);
    let total = 0n;
    for (const s of got as Array<Partial<PhysSegment>>) {
      if (typeof s?.phys !== 'bigint' || typeof s.length !== 'bigint' || s.length <= 0n) {
        throw new TypeError(`core ${name}: allocScattered returned a piece that is not { phys, length } bigints with length > 0`);
      }
      total += s.length;
    }
    if (total !== size) throw new TypeError(`core ${name}: allocScattered returned pieces of ${hex(total)} bytes for ${hex(size)}`);
    return got as PhysSegment[];
  }

  /**
   * An answer the kernel cannot map (larger than its virtual space, as for
   * sizes near 2^64) never reaches the properties through a mapping, so it
   * is judged here: memory that is not all RAM of the map is the core's
   * placement failure, never turned into NULL. Only an answer lying wholly
   * in RAM is given back, the kernel being the one out of room.
   */
  private judgeUnmappable(req: ServiceRequest, segments: ReadonlyArray<PhysSegment>): void {
    for (const s of segments) {
      const end = s.phys + s.length;
      if (this.ram.some((r) => s.phys >= r.base && end <= r.base + r.length)) continue;
      violation(req.service, 'dma.within-ram', `the core answered ${hex(s.phys)}+${hex(s.length)} for ${hex(req.size)} bytes, which is not RAM of the memory map`);
    }
  }

  /** An answer past 2^64 − 1 is memory of no machine: the core's placement failure, judged here since nothing can map it. */
  private judgeOutsideU64(req: ServiceRequest, segments: ReadonlyArray<PhysSegment>): void {
    for (const s of segments) {
      if (s.phys < 0n || s.phys + s.length > U64_END) {
        violation(req.service, 'dma.within-ram', `the core answered ${s.phys < 0n ? `-${hex(-s.phys)}` : hex(s.phys)}+${hex(s.length)} for ${hex(req.size)} bytes, which does not fit in 64-bit addresses`);
      }
    }
  }

  private giveBack(segments: ReadonlyArray<PhysSegment>): void {
    for (const s of segments) this.engine.free(s.phys, s.length);
  }

  /**
   * Pages needed for size bytes. Below 2^53 a double holds the size exactly
   * and dividing by a power of two is exact, so the bigint arithmetic is only
   * needed above.
   */
  private pagesFor(size: bigint): number {
    if (size >= 0n && size <= MAX_EXACT) return Math.ceil(Number(size) / this.bytesPerPage);
    return Number((size + this.pageBytes - 1n) / this.pageBytes);
  }

  /** Unmaps and frees an allocation, then serves any sleeper the memory now satisfies. */
  release(a: Allocation): void {
    this.table.remove(a);
    this.vspace.release(a.vaddr, a.pages);
    if (a.pieces !== undefined) a.pieces.forEach((phys, length) => this.engine.free(phys, length));
    else this.giveBack(a.segments);
    this.wakeSleepers();
  }

  protected wakeSleepers(): void {
    this.sleepers.wake();
  }

  get heapsClaimed(): boolean {
    return this.options.heaps;
  }

  get realHeapEnabled(): boolean {
    return this.options.heaps && this.options.realHeap;
  }

  get maxHandles(): number {
    return this.options.maxHandles;
  }

  /** Makes physical bytes read as zeros (a pool's zalloc zeroes one block of memory already mapped). */
  zero(phys: bigint, length: bigint): void {
    this.contents.zero(phys, length);
  }

  /** Hands the bytes of [phys, phys + length) to `bytes` until takeBack(phys): a pool engine keeping its chunks' memory. */
  lend(phys: bigint, length: bigint, bytes: PhysicalBytes): void {
    this.lent.lend(phys, length, bytes);
  }

  takeBack(phys: bigint): void {
    this.lent.takeBack(phys);
  }

  /** Pages of written data the kernel keeps: a cost figure for benchmarks. */
  get storedPages(): number {
    return this.contents.storedPages;
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
      this.contents.read(phys, out, at, Number(len));
      at += Number(len);
    });
    return out;
  }

  write(vaddr: bigint, data: Uint8Array): void {
    let at = 0;
    this.walk(vaddr, BigInt(data.length), 'write', (phys, len) => {
      this.contents.write(phys, data, at, Number(len));
      at += Number(len);
    });
  }

  /**
   * Visits the physical pieces of [vaddr, vaddr + length) across however many
   * allocations it spans. Every byte is checked before the first visit, so a
   * write that runs into unmapped memory throws without writing anything.
   */
  private walk(vaddr: bigint, length: bigint, api: string, visit: (phys: bigint, length: bigint) => void): void {
    const pieces: bigint[] = [];
    let v = vaddr;
    let left = length;
    while (left > 0n) {
      const a = this.table.containing(v);
      let offset = a === undefined ? -1n : v - a.vaddr;
      if (a === undefined || offset >= a.size) throw new RangeError(`${api}: virtual address ${hex(v)} is not mapped`);
      const before = left;
      for (const s of a.segments) {
        if (offset >= s.length) {
          offset -= s.length;
          continue;
        }
        const n = left < s.length - offset ? left : s.length - offset;
        pieces.push(s.phys + offset, n);
        v += n;
        left -= n;
        offset = 0n;
        if (left === 0n) break;
      }
      // Bytes of the allocation no piece backs are not mapped either.
      if (left === before) throw new RangeError(`${api}: virtual address ${hex(v)} is not mapped`);
    }
    for (let i = 0; i < pieces.length; i += 2) visit(pieces[i]!, pieces[i + 1]!);
  }
}
