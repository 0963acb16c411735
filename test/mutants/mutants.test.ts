import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { loadFixtureMap } from '../../fixtures/maps';
import { MUTANTS } from '../../fixtures/mutants';
import { normalizeMemoryMap } from '../../impl/memory/memory-map';
import { createReference } from '../../impl/reference';
import { findClause } from '../../spec/clauses';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_NO_ZERO_ADDR } from '../../spec/constants/aix';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { DmaImplementation, MaybePromise } from '../../spec/interface/implementation';
import { crossesBoundary, isAligned } from '../../spec/predicates/placement';
import { EDGE_SCENARIOS } from './edge-scenarios';
import { LINUX_SCENARIOS } from './linux-scenarios';
import { VERDICT_SCENARIOS } from './verdict-scenarios';
import { aixAlloc, attempt, boot, contig, exhausted, filled, GIB_4, givesMemory, handle, isThenable, lastByte, mapped, MIB_16, PAGE, physreq, ram, reports, segments, settle, type Scenario } from './scenario-steps';

/**
 * Each mutant is shown to be wrong by one hand-made scenario: every
 * observation it returns is true for the mutant (the fault shows) and false
 * for the reference run through the very same steps.
 */
const SCENARIOS: Record<string, Scenario> = {
  ...EDGE_SCENARIOS,
  ...VERDICT_SCENARIOS,
  ...LINUX_SCENARIOS,
  'ignores-align': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl);
    await aixAlloc(impl, h, PAGE);
    const v = (await aixAlloc(impl, h, PAGE, 16))!;
    const [seg] = await segments(impl, v, PAGE);
    const p = (await contig(impl, PAGE, { phys_align: 1n << 20n }))!;
    const [pseg] = await segments(impl, p, PAGE);
    return [!isAligned(v, 1n << 16n), !isAligned(seg!.phys, 1n << 16n), !isAligned(pseg!.phys, 1n << 20n)];
  },

  'aligns-virtual-only': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl);
    await aixAlloc(impl, h, PAGE);
    const v = (await aixAlloc(impl, h, PAGE, 16))!;
    const [seg] = await segments(impl, v, PAGE);
    return [isAligned(v, 1n << 16n) && !isAligned(seg!.phys, 1n << 16n)];
  },

  'limit-4g-off-by-one': async (impl) => {
    await boot(impl, ram(GIB_4 - PAGE, 2n * PAGE));
    const v = await contig(impl, 2n * PAGE, { phys_dmasize: 32 });
    const overPhysreq = lastByte(await segments(impl, v, 2n * PAGE)) >= GIB_4;
    if (v !== null) await impl.kmem_free_physcontig!('user', v, 2n * PAGE);
    const a = await aixAlloc(impl, await handle(impl), 2n * PAGE);
    return [overPhysreq, lastByte(await segments(impl, a, 2n * PAGE)) >= GIB_4];
  },

  'limit-16m-off-by-one': async (impl) => {
    await boot(impl, ram(MIB_16 - PAGE, 2n * PAGE));
    const v = await contig(impl, 2n * PAGE, { phys_dmasize: 24 });
    const overPhysreq = lastByte(await segments(impl, v, 2n * PAGE)) >= MIB_16;
    if (v !== null) await impl.kmem_free_physcontig!('user', v, 2n * PAGE);
    const a = (await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS), 2n * PAGE))!;
    const realHeapOver = (await impl.heapOf!(a)) === 'real_heap' && lastByte(await segments(impl, a, 2n * PAGE)) >= MIB_16;
    return [overPhysreq, realHeapOver];
  },

  'crosses-boundary': async (impl) => {
    await boot(impl, ram(PAGE, 2n * PAGE));
    const v = await contig(impl, 2n * PAGE, { phys_boundary: 2n * PAGE });
    return [(await segments(impl, v, 2n * PAGE)).some((s) => crossesBoundary(s.phys, s.length, 2n * PAGE))];
  },

  'scatters-contiguous': async (impl) => {
    await boot(impl, 'small-16m');
    const p = await contig(impl, 8n * PAGE);
    const a = await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS), 8n * PAGE);
    return [(await segments(impl, p, 8n * PAGE)).length > 1, (await segments(impl, a, 8n * PAGE)).length > 1];
  },

  'overlap-after-coalesce': async (impl) => {
    await boot(impl, ram(PAGE, 4n * PAGE));
    const a = (await contig(impl, PAGE))!;
    const b = (await contig(impl, PAGE))!;
    await impl.write(b, new Uint8Array(16).fill(0x5a));
    const [bseg] = await segments(impl, b, PAGE);
    await impl.kmem_free_physcontig!('user', a, PAGE);
    const c = (await contig(impl, 2n * PAGE))!;
    await impl.write(c, new Uint8Array(Number(2n * PAGE)).fill(0x11));
    const cSegs = await segments(impl, c, 2n * PAGE);
    const shares = cSegs.some((s) => s.phys < bseg!.phys + bseg!.length && bseg!.phys < s.phys + s.length);
    return [shares, !(await filled(impl, 0x5a, b, 16))];
  },

  'lost-wakeup': async (impl) => {
    const all = await exhausted(impl);
    const waiting = impl.kmem_alloc_physcontig!('user', PAGE, await physreq(impl), KM_SLEEP);
    if (!isThenable(waiting)) throw new Error('KM_SLEEP did not wait on full memory');
    let served = false;
    void Promise.resolve(waiting).then(() => (served = true));
    await impl.kmem_free_physcontig!('user', all, 2n * PAGE);
    await settle();
    return [!served];
  },

  'null-under-km-sleep': async (impl) => {
    await exhausted(impl);
    const p = await physreq(impl);
    return [impl.kmem_alloc_physcontig!('user', PAGE, p, KM_SLEEP) === null];
  },

  'waits-under-km-nosleep': async (impl) => {
    await exhausted(impl);
    const p = await physreq(impl);
    return [isThenable(impl.kmem_alloc_physcontig!('user', PAGE, p, KM_NOSLEEP))];
  },

  'leaks-on-failure': async (impl) => {
    await boot(impl, ram(PAGE, 4n * PAGE));
    if ((await contig(impl, 5n * PAGE)) !== null) throw new Error('five pages out of four');
    return [(await contig(impl, 4n * PAGE)) === null];
  },

  'accepts-size-zero': async (impl) => {
    await boot(impl, 'small-16m', '7');
    const h = await handle(impl);
    const p = await physreq(impl);
    return [
      await givesMemory(() => impl.d_alloc_dmamem!('process', h, 0n, 12)),
      await givesMemory(() => impl.kmem_alloc_physreq!('user', 0n, p, KM_NOSLEEP)),
    ];
  },

  'km-sleep-in-interrupt': async (impl) => {
    await boot(impl, 'small-16m');
    const p = await physreq(impl);
    return [
      await givesMemory(() => impl.kmem_alloc_physcontig!('interrupt', PAGE, p, KM_SLEEP)),
      await givesMemory(() => impl.physreq_alloc!('non-blockable', KM_SLEEP)),
    ];
  },

  'silent-double-free': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl);
    const a = (await aixAlloc(impl, h, PAGE))!;
    await impl.d_free_dmamem!('process', h, a, PAGE);
    const again = await attempt(() => impl.d_free_dmamem!('process', h, a, PAGE));
    return ['value' in again && again.value === 0];
  },

  'corrupts-neighbour': async (impl) => {
    await boot(impl, ram(PAGE, 4n * PAGE));
    const x = (await contig(impl, PAGE))!;
    const y = (await contig(impl, PAGE))!;
    await impl.write(y, new Uint8Array(16).fill(0x5a));
    await impl.kmem_free_physcontig!('user', x, PAGE);
    await contig(impl, PAGE);
    return [!(await filled(impl, 0x5a, y, 16))];
  },

  'uses-map-hole': async (impl) => {
    const map = loadFixtureMap('tiny-holes');
    await boot(impl, map);
    const usable = normalizeMemoryMap(map, Number(PAGE));
    const v = await contig(impl, 0x500000n);
    return [(await segments(impl, v, 0x500000n)).some((s) => !usable.isRam(s.phys, s.length))];
  },

  'physcontig-in-ddi7': async (impl) => {
    await boot(impl, 'small-16m', '7');
    const p = await physreq(impl);
    return [await givesMemory(() => impl.kmem_alloc_physcontig!('user', PAGE, p, KM_NOSLEEP))];
  },

  'rounds-size-down': async (impl) => {
    await boot(impl, 'small-16m');
    const v = (await contig(impl, PAGE + 1n))!;
    const segs = await mapped(impl, v, PAGE + 1n);
    return [segs === null || lastByte(segs) - segs[0]!.phys !== PAGE];
  },

  'ignores-no-zero-address': async (impl) => {
    await boot(impl, 'tiny-holes');
    const v = await aixAlloc(impl, await handle(impl, DMA_NO_ZERO_ADDR), PAGE);
    return [(await segments(impl, v, PAGE)).some((s) => s.phys === 0n)];
  },

  'one-64bit-flag-enough': async (impl) => {
    await boot(impl, 'high-only');
    return [
      (await aixAlloc(impl, await handle(impl, DMA_ADDRESS_64_BIT), PAGE)) !== null,
      (await aixAlloc(impl, await handle(impl, DMA_ENABLE_64), PAGE)) !== null,
    ];
  },

  'dmasize-24-as-32': async (impl) => {
    await boot(impl, ram(MIB_16, 16n * PAGE));
    const v = await contig(impl, PAGE, { phys_dmasize: 24 });
    return [lastByte(await segments(impl, v, PAGE)) >= MIB_16];
  },

  'default-dmasize-32': async (impl) => {
    await boot(impl, ram(GIB_4, 16n * PAGE));
    return [(await contig(impl, PAGE)) === null];
  },

  'zalloc-not-zeroed': async (impl) => {
    await boot(impl, 'small-16m', '7');
    const p = await physreq(impl);
    const dirty = (await impl.kmem_alloc_physreq!('user', PAGE, p, KM_NOSLEEP)) as bigint;
    await impl.write(dirty, new Uint8Array(Number(PAGE)).fill(0x5a));
    await impl.kmem_free!('user', dirty, PAGE);
    const z = (await impl.kmem_zalloc_physreq!('user', PAGE, p, KM_NOSLEEP)) as bigint;
    return [!(await filled(impl, 0, z, Number(PAGE)))];
  },

  'phys-paddr-off-by-page': async (impl) => {
    await boot(impl, 'small-16m', '8');
    const p = await physreq(impl, { phys_dmasize: 32 });
    const got = (await impl.kmem_alloc_phys!('user', PAGE, p, KM_FAIL_OK))!;
    const [seg] = await segments(impl, got.vaddr, PAGE);
    return [got.paddr !== seg!.phys];
  },

  'unprepped-physreq-accepted': async (impl) => {
    await boot(impl, 'small-16m');
    const never = (await impl.physreq_alloc!('user', KM_SLEEP))!;
    const changed = await physreq(impl);
    await impl.physreq_set!('user', changed, { phys_align: 2n * PAGE });
    return [
      await givesMemory(() => impl.kmem_alloc_physcontig!('user', PAGE, never, KM_NOSLEEP)),
      await givesMemory(() => impl.kmem_alloc_physcontig!('user', PAGE, changed, KM_NOSLEEP)),
    ];
  },

  'wrong-size-free-accepted': async (impl) => {
    await boot(impl, 'small-16m');
    const v = (await contig(impl, PAGE))!;
    const h = await handle(impl);
    const a = (await aixAlloc(impl, h, PAGE))!;
    return [
      !(await reports(() => impl.kmem_free_physcontig!('user', v, 16n))) && (await mapped(impl, v, PAGE)) === null,
      !(await reports(() => impl.d_free_dmamem!('process', h, a, 16n))) && (await mapped(impl, a, PAGE)) === null,
    ];
  },

  'alloc-in-interrupt': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl);
    return [await givesMemory(() => impl.d_alloc_dmamem!('interrupt', h, PAGE, 12))];
  },

  'real-heap-anywhere': async (impl) => {
    await boot(impl, ram(MIB_16, 16n * PAGE));
    const v = (await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS), PAGE))!;
    return [(await impl.heapOf!(v)) === 'real_heap' && lastByte(await segments(impl, v, PAGE)) >= MIB_16];
  },

  'wrong-service-free-accepted': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl);
    const contigByKmemFree = (await contig(impl, PAGE))!;
    const aixByKmemFree = (await aixAlloc(impl, h, PAGE))!;
    const contigByAixFree = (await contig(impl, PAGE))!;
    const releasedQuietly = async (v: bigint, release: () => MaybePromise<unknown>) =>
      !(await reports(release)) && (await mapped(impl, v, PAGE)) === null;
    const released = [
      await releasedQuietly(contigByKmemFree, () => impl.kmem_free!('user', contigByKmemFree, PAGE)),
      await releasedQuietly(aixByKmemFree, () => impl.kmem_free!('user', aixByKmemFree, PAGE)),
      await releasedQuietly(contigByAixFree, () => impl.d_free_dmamem!('process', h, contigByAixFree, PAGE)),
    ];
    // Only pairing is broken: the handle whose memory kmem_free took is left with nothing live.
    if (released[1] && (await reports(() => impl.d_map_clear!('process', h)))) throw new Error('handle still counts released memory');
    return released;
  },

  'misuse-not-harmless': async (impl) => {
    await boot(impl, 'small-16m');
    const v = (await contig(impl, PAGE))!;
    if (!(await reports(() => impl.kmem_free_physcontig!('user', v, 16n)))) throw new Error('wrong size not reported');
    const h = await handle(impl);
    const a = (await aixAlloc(impl, h, PAGE))!;
    if (!(await reports(() => impl.d_free_dmamem!('process', h, a, 16n)))) throw new Error('wrong size not reported');
    return [(await mapped(impl, v, PAGE)) === null, (await mapped(impl, a, PAGE)) === null];
  },

  'phys-above-4g': async (impl) => {
    await boot(impl, 'high-only', '8');
    const p = await physreq(impl, { phys_dmasize: 64 });
    const got = await impl.kmem_alloc_phys!('user', PAGE, p, KM_FAIL_OK);
    return [got !== null && got.paddr >= GIB_4];
  },

  'gives-up-early': async (impl) => {
    await boot(impl, 'small-16m');
    return [(await contig(impl, 3n * PAGE)) === null, (await aixAlloc(impl, await handle(impl), 3n * PAGE)) === null];
  },

  'bad-prep-accepted': async (impl) => {
    await boot(impl, 'small-16m');
    const prep = async (fields: Partial<PhysreqFields>) => {
      const p = (await impl.physreq_alloc!('user', KM_SLEEP))!;
      await impl.physreq_set!('user', p, fields);
      return { p, accepted: await impl.physreq_prep!('user', p, KM_SLEEP) };
    };
    const align = await prep({ phys_align: 3n * PAGE });
    const boundary = await prep({ phys_boundary: 3n * PAGE });
    // Accepted, the odd alignment is served as the power of two above it rather than crashing.
    const placedRoundedUp = async () => {
      const v = await impl.kmem_alloc_physcontig!('user', PAGE, align.p, KM_NOSLEEP);
      return isAligned((await segments(impl, v as bigint, PAGE))[0]!.phys, 4n * PAGE);
    };
    return [align.accepted && (await placedRoundedUp()), boundary.accepted];
  },

  'cleared-handle-usable': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl);
    await impl.d_map_clear!('process', h);
    return [await givesMemory(() => impl.d_alloc_dmamem!('process', h, PAGE, 12))];
  },
};

describe('mutant catalogue', () => {
  it('lists every mutant module once, each with a scenario', () => {
    const names = MUTANTS.map((m) => m.info.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(MUTANTS.map((m) => [m.info.name, m] as const))('%s names only catalogued clauses', (_name, m) => {
    expect(m.info.breaks.length).toBeGreaterThan(0);
    expect(m.info.description).not.toBe('');
    for (const id of m.info.breaks) expect(findClause(id), id).toBeDefined();
  });

  it.each(MUTANTS.map((m) => [m.info.name] as const))('%s loads on its own by path', async (name) => {
    const mod = (await import(join(__dirname, '../../fixtures/mutants', name))) as Record<string, unknown>;
    expect(mod.default).toBe(mod.createImplementation);
    expect((mod.mutant as { name: string }).name).toBe(name);
    const first = (mod.createImplementation as () => DmaImplementation)();
    expect(first.name).toBe(`mutant:${name}`);
    expect(first.families).toEqual(createReference().families);
    expect((mod.createImplementation as () => DmaImplementation)()).not.toBe(first);
  });
});

describe('each mutant shows its fault where the reference does not', () => {
  it.each(MUTANTS.map((m) => [m.info.name, m] as const))('%s', async (name, m) => {
    const scenario = SCENARIOS[name]!;
    const reference = await scenario(createReference());
    expect(reference, 'the reference shows the fault').toEqual(reference.map(() => false));
    const mutant = await scenario(m.create());
    expect(mutant, 'the mutant hides its fault').toEqual(mutant.map(() => true));
  });
});
