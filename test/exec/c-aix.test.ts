import { afterEach, describe, expect, it } from 'vitest';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_NO_ZERO_ADDR } from '../../spec/constants/aix';
import type { SubprocessImplementation } from '../../cli/exec';
import { clauseOf, config, exists, ram, startC } from './helpers';

const TWO_53 = 1n << 53n;
const MiB = 1n << 20n;

let impl: SubprocessImplementation | undefined;

afterEach(async () => {
  await impl?.dispose();
  impl = undefined;
});

describe('C fixture over the exec protocol: AIX family', () => {
  it('handshakes, declares its families and offers only their services', async () => {
    impl = await startC();
    expect(impl.name).toBe('c-dmaalloc');
    expect(impl.families).toEqual(['aix', 'svr5-physcontig']);
    expect(typeof impl.d_alloc_dmamem).toBe('function');
    expect(typeof impl.kmem_alloc_physcontig).toBe('function');
    expect(impl.kmem_alloc_physreq).toBeUndefined();
    expect(impl.kmem_alloc_phys).toBeUndefined();
    expect(typeof impl.heapOf).toBe('function');
    const pid = impl.pid!;
    await impl.dispose();
    expect(exists(pid)).toBe(false);
  });

  it('allocates aligned on both addresses, translates, reads, writes and frees', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 2n * MiB)]));
    const handle = await impl.d_map_init!('process', 0, DMA_CONTIGUOUS, 0, 0);
    expect(handle).toBeGreaterThan(0);
    const first = await impl.d_alloc_dmamem!('process', handle, 0x1000n, 12);
    const vaddr = await impl.d_alloc_dmamem!('process', handle, 0x3000n, 16);
    expect(first).not.toBeNull();
    expect(vaddr).not.toBeNull();
    expect(vaddr! > TWO_53).toBe(true);
    expect(vaddr! % 0x10000n).toBe(0n);
    const segments = await impl.translate(vaddr!, 0x3000n);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.phys % 0x10000n).toBe(0n);
    expect(segments[0]!.length).toBe(0x3000n);

    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    await impl.write(vaddr! + 0xf80n, data);
    expect(Array.from(await impl.read(vaddr! + 0xf80n, 300))).toEqual(Array.from(data));
    expect(await impl.heapOf!(vaddr!)).toBe('pinned_heap');

    expect(await impl.d_free_dmamem!('process', handle, vaddr!, 0x2000n)).toBe(-1);
    expect(await impl.translate(vaddr!, 0x3000n)).toEqual(segments);
    expect(await impl.d_free_dmamem!('interrupt', handle, vaddr!, 0x3000n)).toBe(0);
    expect(await impl.d_free_dmamem!('process', handle, vaddr!, 0x3000n)).toBe(-1);
    await expect(impl.translate(vaddr!, 1n)).rejects.toThrow(/not mapped/);
  });

  it('keeps physical addresses above 2^53 exact, and 32-bit handles below 4 GiB', async () => {
    impl = await startC();
    const base = TWO_53 - 0x1000n;
    await impl.setup(config([ram(base, MiB)]));
    const narrow = await impl.d_map_init!('process', 0, DMA_ADDRESS_64_BIT, 0, 0);
    expect(await impl.d_alloc_dmamem!('process', narrow, 0x1000n, 12)).toBeNull();
    const wide = await impl.d_map_init!('process', 0, DMA_ADDRESS_64_BIT | DMA_ENABLE_64 | DMA_CONTIGUOUS, 0, 0);
    const vaddr = await impl.d_alloc_dmamem!('process', wide, 0x3001n, 12);
    expect(await impl.translate(vaddr!, 0x3001n)).toEqual([{ phys: base, length: 0x3001n }]);
    expect(await impl.translate(vaddr! + 0x1001n, 0x2000n)).toEqual([{ phys: TWO_53 + 1n, length: 0x2000n }]);
  });

  it('scatters a non-contiguous handle over free frames, never page 0 under DMA_NO_ZERO_ADDR', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 0x8000n)]));
    const loose = await impl.d_map_init!('process', 0, DMA_NO_ZERO_ADDR, 0, 0);
    const pages: bigint[] = [];
    for (let i = 0; i < 7; i++) pages.push((await impl.d_alloc_dmamem!('process', loose, 0x1000n, 12))!);
    expect((await impl.translate(pages[0]!, 1n))[0]!.phys).toBe(0x1000n);
    for (const i of [1, 3, 5]) expect(await impl.d_free_dmamem!('process', loose, pages[i]!, 0x1000n)).toBe(0);
    const strict = await impl.d_map_init!('process', 0, DMA_CONTIGUOUS, 0, 0);
    expect(await impl.d_alloc_dmamem!('process', strict, 0x3000n, 12)).toBeNull();
    const scattered = await impl.d_alloc_dmamem!('process', loose, 0x3000n, 12);
    expect(await impl.translate(scattered!, 0x3000n)).toEqual([
      { phys: 0x2000n, length: 0x1000n },
      { phys: 0x4000n, length: 0x1000n },
      { phys: 0x6000n, length: 0x1000n },
    ]);
    const data = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    await impl.write(scattered! + 0xfe0n, data);
    expect(Array.from(await impl.read(scattered! + 0xfe0n, 64))).toEqual(Array.from(data));
  });

  it('reports broken rules with their clauses and changes nothing', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, MiB)]));
    const handle = await impl.d_map_init!('process', 0, 0, 0, 0);
    const vaddr = (await impl.d_alloc_dmamem!('process', handle, 0x2000n, 12))!;
    const before = await impl.translate(vaddr, 0x2000n);
    expect(await clauseOf(impl.d_alloc_dmamem!('interrupt', handle, 0x1000n, 12))).toBe('d_alloc_dmamem.process-environment');
    expect(await clauseOf(impl.d_map_init!('user', 0, 0, 0, 0))).toBe('d_map_init.process-environment');
    expect(await clauseOf(impl.d_alloc_dmamem!('process', handle, 0n, 12))).toBe('d_alloc_dmamem.size-zero');
    expect(await clauseOf(impl.d_alloc_dmamem!('process', handle, 0x1000n, 64))).toBe('d_alloc_dmamem.align-range');
    expect(await clauseOf(impl.d_alloc_dmamem!('process', 999, 0x1000n, 12))).toBe('d_alloc_dmamem.valid-handle');
    expect(await clauseOf(impl.d_map_clear!('process', handle))).toBe('d_map_clear.live-allocations');
    expect(await impl.d_map_init!('process', 0, 0x1000_0000, 0, 0)).toBe(-1);
    expect(await impl.translate(vaddr, 0x2000n)).toEqual(before);
    expect(await impl.d_free_dmamem!('process', handle, vaddr, 0x2000n)).toBe(0);
    await impl.d_map_clear!('process', handle);
    expect(await clauseOf(impl.d_alloc_dmamem!('process', handle, 0x1000n, 12))).toBe('d_alloc_dmamem.valid-handle');
  });

  it('the ignore-align build hands out misaligned memory', async () => {
    impl = await startC('ignore-align');
    expect(impl.name).toBe('c-dmaalloc-ignore-align');
    await impl.setup(config([ram(0n, MiB)]));
    const handle = await impl.d_map_init!('process', 0, DMA_CONTIGUOUS, 0, 0);
    await impl.d_alloc_dmamem!('process', handle, 0x1000n, 12);
    const vaddr = (await impl.d_alloc_dmamem!('process', handle, 0x1000n, 16))!;
    const [segment] = await impl.translate(vaddr, 0x1000n);
    expect(segment!.phys % 0x10000n).not.toBe(0n);
    expect(vaddr % 0x10000n).not.toBe(0n);
  });
});
