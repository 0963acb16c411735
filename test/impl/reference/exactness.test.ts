import { describe, expect, it } from 'vitest';
import { KERNEL_VA_BASE } from '../../../core/services/kernel/virtual-space';
import { U64_MAX } from '../../../spec/address/u64';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64 } from '../../../spec/constants/aix';
import { KM_FAIL_OK, KM_NOSLEEP } from '../../../spec/constants/svr5';
import type { MemoryMap } from '../../../spec/interface/memory-map';
import { boot, GIB, MIB, PAGE, pattern, prepped } from './harness';

const TOP = 1n << 64n;
const TWO_53 = 1n << 53n;

/** The last 16 MiB of the 64-bit physical space is the only RAM. */
const TOP_RAM: MemoryMap = { name: 'top-16m', ranges: [{ base: TOP - 16n * MIB, length: 16n * MIB, type: 'ram' }] };

/** One page at the bottom and one at the very top. */
const BOTH_ENDS: MemoryMap = {
  ranges: [
    { base: 0n, length: PAGE, type: 'ram' },
    { base: TOP - PAGE, length: PAGE, type: 'ram' },
  ],
};

describe('reference: 64-bit exactness', () => {
  it('hands out kernel virtual addresses far above 2^53, exact to the byte', () => {
    const ref = boot({ ddi: '7' });
    const preq = prepped(ref);
    const a = ref.kmem_alloc_physreq('user', PAGE + 1n, preq, KM_NOSLEEP) as bigint;
    const b = ref.kmem_alloc_physreq('user', PAGE, preq, KM_NOSLEEP) as bigint;
    expect(a).toBe(KERNEL_VA_BASE);
    expect(a > TWO_53).toBe(true);
    expect(b).toBe(a + 2n * PAGE);
    // Neighbouring bytes that a double could not tell apart stay distinct.
    ref.write(a + 1n, new Uint8Array([0xaa]));
    ref.write(a + 2n, new Uint8Array([0xbb]));
    expect(ref.read(a, 4)).toEqual(new Uint8Array([0, 0xaa, 0xbb, 0]));
    expect(Number(a + 1n) === Number(a + 2n)).toBe(true);
  });

  it('uses RAM up to the last byte of the 64-bit space', () => {
    const ref = boot({ map: TOP_RAM });
    const preq = prepped(ref, { phys_dmasize: 64 });
    const v = ref.kmem_alloc_physcontig('user', 16n * MIB, preq, KM_NOSLEEP) as bigint;
    expect(ref.translate(v, 16n * MIB)).toEqual([{ phys: TOP - 16n * MIB, length: 16n * MIB }]);
    expect(ref.translate(v + 16n * MIB - 1n, 1n)).toEqual([{ phys: U64_MAX, length: 1n }]);
    const data = pattern(5000, 11);
    ref.write(v + 16n * MIB - 5000n, data);
    expect(ref.read(v + 16n * MIB - 5000n, 5000)).toEqual(data);
    ref.kmem_free_physcontig('user', v, 16n * MIB);
    expect(ref.frames.freeFrames()).toBe(4096);
  });

  it('honours alignments and boundaries near 2^64', () => {
    const ref = boot({ map: TOP_RAM });
    const at = (fields: Parameters<typeof prepped>[1], size: bigint) =>
      ref.kmem_alloc_physcontig('user', size, prepped(ref, fields), KM_NOSLEEP) as bigint | null;
    expect(at({ phys_align: 1n << 63n }, PAGE)).toBeNull();
    const one = at({}, PAGE)!;
    const aligned = at({ phys_align: 8n * MIB }, PAGE)!;
    expect(ref.translate(aligned, 1n)[0]!.phys).toBe(TOP - 8n * MIB);
    const bounded = at({ phys_boundary: 1n << 62n }, 4n * MIB)!;
    expect(ref.translate(bounded, 1n)[0]!.phys).toBe(TOP - 16n * MIB + PAGE);
    for (const v of [one, aligned, bounded]) expect(ref.kernel.table.get(v)).toBeDefined();
  });

  it('AIX: a 64-bit handle reaches the top of the space; a 32-bit one cannot', () => {
    const ref = boot({ map: TOP_RAM });
    const h32 = ref.d_map_init('process', 0, DMA_CONTIGUOUS, 0, 0);
    const h64 = ref.d_map_init('process', 0, DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64, 0, 0);
    expect(ref.d_alloc_dmamem('process', h32, PAGE, 12)).toBeNull();
    const v = ref.d_alloc_dmamem('process', h64, 16n * MIB, 24)!;
    expect(ref.heapOf(v)).toBe('pinned_heap');
    expect(ref.translate(v, 1n)[0]!.phys).toBe(TOP - 16n * MIB);
    expect(ref.d_free_dmamem('process', h64, v, 16n * MIB)).toBe(0);
  });

  it('scatters between the first and the last page of the space', () => {
    const ref = boot({ ddi: '8', map: BOTH_ENDS });
    const v = ref.kmem_alloc_physreq('user', 2n * PAGE, prepped(ref), KM_NOSLEEP) as bigint;
    expect(ref.translate(v, 2n * PAGE)).toEqual([
      { phys: 0n, length: PAGE },
      { phys: TOP - PAGE, length: PAGE },
    ]);
    // kmem_alloc_phys never goes above 4 GiB, whatever RAM is free there.
    ref.kmem_free('user', v, 2n * PAGE);
    const p = prepped(ref, { phys_dmasize: 64 });
    expect(ref.kmem_alloc_phys('user', 2n * PAGE, p, KM_FAIL_OK)).toBeNull();
  });

  const HUGE_RAM: MemoryMap = { ranges: [{ base: 0n, length: 1n << 60n, type: 'ram' }] };

  it.each([(1n << 46n) + 1n, 1n << 47n])('counts the pages of a %s-byte allocation exactly', (size) => {
    const ref = boot({ map: HUGE_RAM });
    const v = ref.kmem_alloc_physcontig('user', size, prepped(ref), KM_NOSLEEP) as bigint;
    const pages = (size + PAGE - 1n) / PAGE;
    expect(ref.kernel.table.get(v)?.pages).toBe(Number(pages));
    expect(BigInt(ref.frames.freeFrames())).toBe((1n << 48n) - pages);
    expect(ref.translate(v, size)).toEqual([{ phys: 0n, length: size }]);
  });

  it.each([(1n << 47n) + 1n, TWO_53 - 1n, TWO_53 + 1n, 1n << 60n])('a %s-byte request exceeds the 2^47-byte kernel virtual space: NULL, nothing taken', (size) => {
    const ref = boot({ map: HUGE_RAM });
    const preq = prepped(ref);
    expect(ref.kmem_alloc_physcontig('user', size, preq, KM_NOSLEEP)).toBeNull();
    expect(ref.frames.freeFrames()).toBe(2 ** 48);
  });

  it('places half a terabyte in one exact run on huge-1t', () => {
    const ref = boot({ map: 'huge-1t' });
    const size = 512n * GIB;
    const v = ref.kmem_alloc_physcontig('user', size, prepped(ref, { phys_align: 1n << 39n }), KM_NOSLEEP) as bigint;
    expect(ref.translate(v, size)).toEqual([{ phys: 1n << 39n, length: size }]);
    expect(ref.translate(v + size - 1n, 1n)).toEqual([{ phys: (1n << 40n) - 1n, length: 1n }]);
  });
});
