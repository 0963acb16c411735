import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoreSegment, PlacementRequest } from '../../core/contract';
import { DmaKernel } from '../../core/services/kernel/kernel';
import { layoutOf } from '../../core/services/kernel/pieces';
import { KERNEL_VA_BASE, VirtualSpace } from '../../core/services/kernel/virtual-space';
import { FirstFitCore } from '../../fixtures/cores/first-fit';
import { ReferenceEngine } from '../../impl/engine/reference-engine';
import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';
import type { SetupConfig } from '../../spec/interface/implementation';
import type { MemoryRange } from '../../spec/interface/memory-map';

const PAGE = 4096n;
const GIB = 1n << 30n;
const setup = (ranges: MemoryRange[]): SetupConfig => ({ memoryMap: { ranges }, pageSize: 4096, ddiVersion: '7' });
const scatterable = (boundary: bigint): DmaConstraints => ({
  alignment: 1n,
  virtualAlignment: 1n,
  boundary,
  maxAddress: (1n << 64n) - 1n,
  noZeroAddress: false,
  contiguous: false,
  maxSegments: 0,
});

/** Answers every scatterable request one page at a time, and notes every piece it is given back. */
class PagePieces extends FirstFitCore {
  freed: CoreSegment[] = [];

  allocScattered(r: PlacementRequest): CoreSegment[] | null {
    const out: CoreSegment[] = [];
    for (let at = 0n; at < r.size; at += PAGE) {
      const length = r.size - at < PAGE ? r.size - at : PAGE;
      const phys = this.alloc({ ...r, size: length, align: at === 0n ? r.align : 1n });
      if (phys === null) throw new Error('test map too small');
      out.push({ phys, length });
    }
    return out;
  }

  override free(address: bigint, size: bigint): void {
    this.freed.push({ phys: address, length: size });
    super.free(address, size);
  }
}

const segmentsArb = fc.array(fc.record({ gap: fc.bigInt({ min: 0n, max: 3n }), length: fc.bigInt({ min: 1n, max: 3n }) }), { minLength: 1, maxLength: 30 }).map((raw) => {
  let phys = 0n;
  return raw.map(({ gap, length }): PhysSegment => {
    phys += gap * PAGE;
    const s = { phys, length: length * PAGE };
    phys += s.length;
    return s;
  });
});

describe('kernel layout: runs for translation, the core pieces kept for freeing', () => {
  it('merges pieces that follow each other and gives back exactly the pieces the core gave', () => {
    fc.assert(
      fc.property(segmentsArb, (pieces) => {
        const layout = layoutOf(pieces);
        const back: PhysSegment[] = [];
        if (layout.pieces === undefined) back.push(...layout.segments);
        else layout.pieces.forEach((phys, length) => back.push({ phys, length }));
        expect(back).toEqual(pieces);
        for (let i = 1; i < layout.segments.length; i++) expect(layout.segments[i - 1]!.phys + layout.segments[i - 1]!.length).not.toBe(layout.segments[i]!.phys);
        expect(layout.segments.reduce((n, s) => n + s.length, 0n)).toBe(pieces.reduce((n, s) => n + s.length, 0n));
      }),
    );
  });

  it('keeps a single piece as it came, an empty one included', () => {
    const one = [{ phys: 5n, length: 0n }];
    expect(layoutOf(one)).toEqual({ segments: one });
  });

  it('records a page-by-page answer as one run, translates it and frees it piece by piece', () => {
    const core = new PagePieces();
    const kernel = new DmaKernel(setup([{ base: 0n, length: 64n * PAGE, type: 'ram' }]), core);
    const size = 10n * PAGE - 100n;
    const a = kernel.tryAllocate({ size, constraints: scatterable(0n), service: 'kmem_alloc_physreq' })!;
    expect(a.segments).toEqual([{ phys: 0n, length: size }]);
    expect(kernel.translate(a.vaddr + PAGE + 7n, 2n * PAGE)).toEqual([{ phys: PAGE + 7n, length: 2n * PAGE }]);
    kernel.release(a);
    expect(core.freed).toEqual([...Array.from({ length: 9 }, (_, i) => ({ phys: BigInt(i) * PAGE, length: PAGE })), { phys: 9n * PAGE, length: PAGE - 100n }]);
  });

  it('keeps a reference allocation of GiB under a page-sized boundary to one run per free extent', () => {
    // Two RAM ranges with a hole between: 4 GiB under an 8 KiB boundary cannot be one run.
    const kernel = new DmaKernel(
      setup([
        { base: 0n, length: 3n * GIB, type: 'ram' },
        { base: 4n * GIB, length: 4n * GIB, type: 'ram' },
      ]),
      new ReferenceEngine(),
    );
    const a = kernel.tryAllocate({ size: 4n * GIB, constraints: scatterable(2n * PAGE), service: 'kmem_zalloc_physreq', zero: true })!;
    expect(a.segments).toEqual([
      { phys: 0n, length: 3n * GIB },
      { phys: 4n * GIB, length: GIB },
    ]);
    expect(a.pieces).toBeUndefined();
    kernel.release(a);
    expect(kernel.tryAllocate({ size: 7n * GIB, constraints: scatterable(0n), service: 'kmem_alloc_physreq' })).not.toBeNull();
  });
});

describe('kernel virtual space', () => {
  it('coalesces released runs back into one, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ pages: fc.integer({ min: 1, max: 8 }), align: fc.constantFrom(1n, PAGE, 4n * PAGE, 64n * PAGE) }), { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (reqs, picks) => {
        const space = new VirtualSpace(4096);
        const live = reqs.map((r) => {
          const v = space.reserve(r.pages, r.align)!;
          expect((v - KERNEL_VA_BASE) % r.align).toBe(0n);
          return { v, pages: r.pages };
        });
        const ends = live.map((l) => [l.v, l.v + BigInt(l.pages) * PAGE] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
        for (let i = 1; i < ends.length; i++) expect(ends[i]![0]).toBeGreaterThanOrEqual(ends[i - 1]![1]);
        for (let i = 0; live.length > 0; i++) {
          const [l] = live.splice(picks[i]! % live.length, 1);
          space.release(l!.v, l!.pages);
        }
        expect(space.runs).toBe(1);
      }),
    );
  });
});
