import { describe, expect, it } from 'vitest';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_NO_ZERO_ADDR, REAL_HEAP_LIMIT } from '../../../spec/constants/aix';
import type { MemoryMap } from '../../../spec/interface/memory-map';
import { isContiguous } from '../../../spec/predicates/segments';
import { boot, expectViolation, GIB, MIB, PAGE, ramMap, snapshot, type ProbeKernel } from './harness';

const FOUR_GIB = 4n * GIB;
const BOTH_64 = DMA_ADDRESS_64_BIT | DMA_ENABLE_64;

function physStart(ref: ProbeKernel, vaddr: bigint, size: bigint): bigint {
  return ref.translate(vaddr, size)[0]!.phys;
}

/** 16 pages of RAM below 4 GiB and 1 GiB above it. */
const LOW_AND_HIGH: MemoryMap = {
  ranges: [
    { base: 0x100000n, length: 16n * PAGE, type: 'ram' },
    { base: FOUR_GIB, length: GIB, type: 'ram' },
  ],
};

/** Two 8-page RAM islands with a reserved page between them: 12 pages fit only scattered. */
const TWO_ISLANDS: MemoryMap = {
  ranges: [
    { base: 0n, length: 8n * PAGE, type: 'ram' },
    { base: 8n * PAGE, length: PAGE, type: 'reserved' },
    { base: 9n * PAGE, length: 8n * PAGE, type: 'ram' },
  ],
};

describe('reference d_alloc_dmamem: placement', () => {
  it.each([0, 1, 5, 11, 12, 13, 16, 20, 24, 30])('aligns both the virtual and the physical start to 2^%i', (align) => {
    const ref = boot({ map: 'large-64g' });
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    // A first page so that the lowest free frame is not already highly aligned.
    ref.d_alloc_dmamem('process', h, PAGE, 0);
    const size = 3n * PAGE + 100n;
    const v = ref.d_alloc_dmamem('process', h, size, align)!;
    expect(v).not.toBeNull();
    const a = 1n << BigInt(align);
    expect(v % a).toBe(0n);
    expect(physStart(ref, v, size) % a).toBe(0n);
    const segs = ref.translate(v, size);
    expect(segs.reduce((n, s) => n + s.length, 0n)).toBe(size);
  });

  it('answers NULL for an alignment no address can honour', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, BOTH_64, 0, 0);
    expect(ref.d_alloc_dmamem('process', h, PAGE, 63)).toBeNull();
  });

  it('keeps below 4 GiB unless the handle has both 64-bit flags', () => {
    for (const flags of [0, DMA_ADDRESS_64_BIT, DMA_ENABLE_64, DMA_CONTIGUOUS, DMA_ADDRESS_64_BIT | DMA_CONTIGUOUS]) {
      const ref = boot({ map: 'high-only' });
      const h = ref.d_map_init('process', 0, flags, 0, 0);
      expect(ref.d_alloc_dmamem('process', h, PAGE, 12), `flags 0x${flags.toString(16)}`).toBeNull();
    }
    for (const flags of [BOTH_64, BOTH_64 | DMA_CONTIGUOUS]) {
      const ref = boot({ map: 'high-only' });
      const h = ref.d_map_init('process', 0, flags, 0, 0);
      const v = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
      expect(physStart(ref, v, PAGE)).toBeGreaterThanOrEqual(FOUR_GIB);
    }
  });

  it('a 32-bit handle uses only the RAM below 4 GiB; a 64-bit one goes above when it must', () => {
    const ref = boot({ map: LOW_AND_HIGH });
    const h32 = ref.d_map_init('process', 0, 0, 0, 0);
    const h64 = ref.d_map_init('process', 0, BOTH_64, 0, 0);
    expect(ref.d_alloc_dmamem('process', h32, 17n * PAGE, 12)).toBeNull();
    const low = ref.d_alloc_dmamem('process', h32, 16n * PAGE, 12)!;
    expect(ref.translate(low, 16n * PAGE).every((s) => s.phys + s.length <= FOUR_GIB)).toBe(true);
    expect(ref.d_alloc_dmamem('process', h32, PAGE, 12)).toBeNull();
    const high = ref.d_alloc_dmamem('process', h64, PAGE, 12)!;
    expect(physStart(ref, high, PAGE)).toBeGreaterThanOrEqual(FOUR_GIB);
  });

  it('DMA_CONTIGUOUS gives one physical run or NULL; without it memory may be scattered', () => {
    const ref = boot({ map: TWO_ISLANDS });
    const contig = ref.d_map_init('process', 0, DMA_CONTIGUOUS, 0, 0);
    const scatter = ref.d_map_init('process', 0, 0, 0, 0);
    const size = 12n * PAGE;
    expect(ref.d_alloc_dmamem('process', contig, size, 12)).toBeNull();
    const v = ref.d_alloc_dmamem('process', scatter, size, 12)!;
    const segs = ref.translate(v, size);
    expect(segs).toEqual([
      { phys: 0n, length: 8n * PAGE },
      { phys: 9n * PAGE, length: 4n * PAGE },
    ]);
    const w = ref.d_alloc_dmamem('process', contig, 4n * PAGE, 12)!;
    expect(isContiguous(ref.translate(w, 4n * PAGE))).toBe(true);
  });

  it.each([0, DMA_CONTIGUOUS])('DMA_NO_ZERO_ADDR keeps physical address 0 out (extra flags %i)', (extra) => {
    const ref = boot({ map: ramMap(8) });
    const plain = ref.d_map_init('process', 0, extra, 0, 0);
    const noZero = ref.d_map_init('process', 0, extra | DMA_NO_ZERO_ADDR, 0, 0);
    const v = ref.d_alloc_dmamem('process', noZero, 2n * PAGE, 0)!;
    expect(physStart(ref, v, 2n * PAGE)).toBe(PAGE);
    expect(ref.d_free_dmamem('process', noZero, v, 2n * PAGE)).toBe(0);
    const p = ref.d_alloc_dmamem('process', plain, 2n * PAGE, 0)!;
    expect(physStart(ref, p, 2n * PAGE)).toBe(0n);
  });

  it('DMA_NO_ZERO_ADDR with an alignment starts at the first aligned address above 0', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, DMA_NO_ZERO_ADDR, 0, 0);
    const v = ref.d_alloc_dmamem('process', h, PAGE, 20)!;
    expect(physStart(ref, v, PAGE)).toBe(MIB);
  });
});

describe('reference d_alloc_dmamem: heaps', () => {
  it('serves DMA_CONTIGUOUS from real_heap below 16 MB while it can, then from pinned_heap', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, DMA_CONTIGUOUS, 0, 0);
    const big = ref.d_alloc_dmamem('process', h, 15n * MIB, 12)!;
    expect(ref.heapOf(big)).toBe('real_heap');
    const segs = ref.translate(big, 15n * MIB);
    expect(segs).toHaveLength(1);
    expect(segs[0]!.phys + segs[0]!.length).toBeLessThanOrEqual(REAL_HEAP_LIMIT);
    // 1 MiB no longer fits below 16 MB (only 636 KiB is left there).
    const next = ref.d_alloc_dmamem('process', h, MIB, 12)!;
    expect(ref.heapOf(next)).toBe('pinned_heap');
    expect(physStart(ref, next, MIB)).toBeGreaterThanOrEqual(REAL_HEAP_LIMIT);
    const small = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
    expect(ref.heapOf(small)).toBe('real_heap');
  });

  it('serves scatterable memory from pinned_heap, and everything from pinned_heap when real_heap is off', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    expect(ref.heapOf(ref.d_alloc_dmamem('process', h, PAGE, 12)!)).toBe('pinned_heap');
    const off = boot({ options: { aixRealHeap: false } });
    const c = off.d_map_init('process', 0, DMA_CONTIGUOUS, 0, 0);
    expect(off.heapOf(off.d_alloc_dmamem('process', c, PAGE, 12)!)).toBe('pinned_heap');
  });

  it('knows no heap for an address that is not the start of a d_alloc_dmamem area', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const v = ref.d_alloc_dmamem('process', h, 2n * PAGE, 12)!;
    expect(ref.heapOf(v + PAGE)).toBeNull();
    expect(ref.heapOf(0n)).toBeNull();
  });
});

describe('reference d_alloc_dmamem: failure and refusal', () => {
  it('returns NULL when memory is exhausted, changing nothing, and succeeds again after a free', () => {
    const ref = boot({ map: ramMap(16) });
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const all = ref.d_alloc_dmamem('process', h, 16n * PAGE, 12)!;
    ref.write(all, new Uint8Array([1, 2, 3]));
    const before = snapshot(ref);
    expect(ref.d_alloc_dmamem('process', h, 1n, 0)).toBeNull();
    expect(ref.d_alloc_dmamem('process', h, 1n << 40n, 12)).toBeNull();
    expect(snapshot(ref)).toEqual(before);
    expect(ref.aix.handles.get(h)?.live).toBe(1);
    expect(ref.d_free_dmamem('process', h, all, 16n * PAGE)).toBe(0);
    expect(ref.d_alloc_dmamem('process', h, 16n * PAGE, 12)).not.toBeNull();
  });

  it.each([0n, -1n, -PAGE])('refuses size %s', (size) => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    expectViolation(ref, () => ref.d_alloc_dmamem('process', h, size, 12), 'd_alloc_dmamem.size-zero', 'd_alloc_dmamem');
  });

  it.each([-1, 64, 100, 1.5, Number.NaN])('refuses align %s', (align) => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    expectViolation(ref, () => ref.d_alloc_dmamem('process', h, PAGE, align), 'd_alloc_dmamem.align-range', 'd_alloc_dmamem');
  });

  it.each([0, -1, 42])('refuses handle %s that d_map_init never returned', (h) => {
    const ref = boot();
    expectViolation(ref, () => ref.d_alloc_dmamem('process', h, PAGE, 12), 'd_alloc_dmamem.valid-handle', 'd_alloc_dmamem');
  });
});
