import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_NO_ZERO_ADDR } from '../../spec/constants/aix';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import type { MemoryMap } from '../../spec/interface/memory-map';
import { crossesBoundary, isAligned } from '../../spec/predicates/placement';
import { aixAlloc, boot, contig, exhausted, GIB_4, givesMemory, handle, isThenable, lastByte, MIB_16, PAGE, physreq, ram, reports, segments, settle, type Scenario } from './scenario-steps';

const MIB = 1n << 20n;

/** RAM whose first whole page is frame 257: less aligned than four pages. */
const ODD_BASE = ram(MIB + PAGE, 64n * PAGE);

/** Scenarios for the mutants whose fault shows only at an edge: a boundary, a limit, a range's ends, a flag combination. */
export const EDGE_SCENARIOS: Record<string, Scenario> = {
  'align-relative-to-base': async (impl) => {
    await boot(impl, ODD_BASE);
    const [seg] = await segments(impl, await contig(impl, PAGE, { phys_align: 4n * PAGE }), PAGE);
    return [!isAligned(seg!.phys, 4n * PAGE)];
  },

  'boundary-relative-to-base': async (impl) => {
    await boot(impl, ODD_BASE);
    const [seg] = await segments(impl, await contig(impl, 4n * PAGE, { phys_boundary: 4n * PAGE }), 4n * PAGE);
    return [crossesBoundary(seg!.phys, 4n * PAGE, 4n * PAGE)];
  },

  'skips-highest-range': async (impl) => {
    const map: MemoryMap = { ranges: [{ base: MIB, length: PAGE, type: 'ram' }, { base: 2n * MIB, length: 16n * PAGE, type: 'ram' }] };
    await boot(impl, map);
    return [(await contig(impl, 4n * PAGE)) === null];
  },

  'wakes-one-waiter': async (impl) => {
    const all = await exhausted(impl);
    const p = await physreq(impl);
    let woken = 0;
    for (let i = 0; i < 2; i++) {
      const r = impl.kmem_alloc_physcontig!('user', PAGE, p, KM_SLEEP);
      if (!isThenable(r)) throw new Error('KM_SLEEP on full memory did not wait');
      void Promise.resolve(r).then(() => woken++);
    }
    await impl.kmem_free_physcontig!('user', all, 2n * PAGE);
    await settle();
    return [woken < 2];
  },

  'align-capped-2m': async (impl) => {
    await boot(impl, ram(2n * MIB, 8n * MIB));
    const [seg] = await segments(impl, await contig(impl, PAGE, { phys_align: 4n * MIB }), PAGE);
    return [!isAligned(seg!.phys, 4n * MIB)];
  },

  'size-truncated-32': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [(await contig(impl, GIB_4 + PAGE)) !== null];
  },

  'zalloc-sleeps-in-interrupt': async (impl) => {
    await boot(impl, 'small-16m', '7');
    const p = await physreq(impl);
    return [!(await reports(() => impl.kmem_zalloc_physreq!('interrupt', PAGE, p, KM_SLEEP)))];
  },

  'free-refused-in-interrupt': async (impl) => {
    await boot(impl, 'small-16m');
    const v = (await contig(impl, PAGE))!;
    return [await reports(() => impl.kmem_free_physcontig!('interrupt', v, PAGE))];
  },

  'no-zero-lost-when-contiguous': async (impl) => {
    await boot(impl, ram(0n, 16n * PAGE));
    const h = await handle(impl, DMA_CONTIGUOUS | DMA_NO_ZERO_ADDR | DMA_ADDRESS_64_BIT | DMA_ENABLE_64);
    const [seg] = await segments(impl, await aixAlloc(impl, h, PAGE), PAGE);
    return [seg!.phys === 0n];
  },

  'phys-in-ddi7mp': async (impl) => {
    await boot(impl, 'small-16m', '7mp');
    const p = await physreq(impl, { phys_dmasize: 64 });
    return [await givesMemory(() => impl.kmem_alloc_phys!('user', PAGE, p, KM_FAIL_OK))];
  },

  'range-end-rounded-up': async (impl) => {
    await boot(impl, { ranges: [{ base: MIB, length: 2n * PAGE + 0x800n, type: 'ram' }, { base: MIB + 2n * PAGE + 0x800n, length: PAGE, type: 'reserved' }] });
    return [(await contig(impl, 3n * PAGE)) !== null];
  },

  'range-base-rounded-down': async (impl) => {
    await boot(impl, { ranges: [{ base: MIB, length: 0x800n, type: 'reserved' }, { base: MIB + 0x800n, length: 2n * PAGE + 0x800n, type: 'ram' }] });
    return [(await contig(impl, 3n * PAGE)) !== null];
  },

  'boundary-one-byte-over': async (impl) => {
    // Three whole pages free before a four-page boundary multiple and one after it.
    await boot(impl, ram(MIB + PAGE, 4n * PAGE));
    const v = await contig(impl, 3n * PAGE + 1n, { phys_boundary: 4n * PAGE });
    return [v !== null && crossesBoundary((await segments(impl, v, 3n * PAGE + 1n))[0]!.phys, 3n * PAGE + 1n, 4n * PAGE)];
  },

  'limit-tail-page-unchecked': async (impl) => {
    await boot(impl, ram(MIB_16 - 2n * PAGE, 8n * PAGE));
    const v = await contig(impl, 2n * PAGE + 1n, { phys_dmasize: 24 });
    return [v !== null && lastByte(await segments(impl, v, 2n * PAGE + 1n)) >= MIB_16];
  },

  'arena-offset-truncated-32': async (impl) => {
    await boot(impl, ram(MIB, 16n * GIB_4));
    const v = await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64), PAGE, 34);
    return [!isAligned((await segments(impl, v, PAGE))[0]!.phys, 1n << 34n)];
  },

  'enable64-alone-when-contiguous': async (impl) => {
    await boot(impl, 'high-only');
    return [(await aixAlloc(impl, await handle(impl, DMA_ENABLE_64 | DMA_CONTIGUOUS), PAGE)) !== null];
  },

  'range-table-overflow': async (impl) => {
    // Ten one-page ranges with one-page holes between them.
    await boot(impl, { ranges: Array.from({ length: 10 }, (_, i) => ({ base: MIB + 2n * PAGE * BigInt(i), length: PAGE, type: 'ram' as const })) });
    return [(await contig(impl, 2n * PAGE)) !== null];
  },

  'zalloc-in-ddi6': async (impl) => {
    await boot(impl, 'small-16m', '6');
    const p = await physreq(impl);
    return [await givesMemory(() => impl.kmem_zalloc_physreq!('user', PAGE, p, KM_NOSLEEP))];
  },

  'range-length-wraps-32': async (impl) => {
    await boot(impl, ram(GIB_4, GIB_4));
    return [(await contig(impl, PAGE)) === null];
  },

  'first-roomy-extent-only': async (impl) => {
    // A two-page fragment first, then room for an aligned pair further up.
    await boot(impl, { ranges: [{ base: MIB + PAGE, length: 2n * PAGE, type: 'ram' }, { base: 2n * MIB, length: 8n * PAGE, type: 'ram' }] });
    return [(await contig(impl, 2n * PAGE, { phys_align: 2n * PAGE })) === null];
  },

  'align-shift-32': async (impl) => {
    await boot(impl, ram(MIB, 2n * GIB_4));
    const v = await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64), PAGE, 32);
    return [!isAligned((await segments(impl, v, PAGE))[0]!.phys, GIB_4)];
  },

  'align-frames-int32': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [(await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64), PAGE, 44)) !== null];
  },

  'boundary-truncated-32': async (impl) => {
    await boot(impl, ram(GIB_4 - 2n * PAGE, 8n * PAGE));
    const [seg] = await segments(impl, await contig(impl, 4n * PAGE, { phys_boundary: GIB_4 }), 4n * PAGE);
    return [crossesBoundary(seg!.phys, 4n * PAGE, GIB_4)];
  },

  'nosleep-refused-at-init': async (impl) => {
    await boot(impl, 'small-16m');
    const p = await physreq(impl);
    return [await reports(() => impl.kmem_alloc_physcontig!('initialization', PAGE, p, KM_NOSLEEP))];
  },

  'skips-lowest-range': async (impl) => {
    await boot(impl, { ranges: [{ base: MIB, length: 16n * PAGE, type: 'ram' }, { base: 2n * MIB, length: PAGE, type: 'ram' }] });
    return [(await contig(impl, 4n * PAGE)) === null];
  },

  'free-refused-at-init': async (impl) => {
    await boot(impl, 'small-16m');
    const v = (await contig(impl, PAGE))!;
    return [await reports(() => impl.kmem_free_physcontig!('initialization', v, PAGE))];
  },
};
