import { describe, expect, it } from 'vitest';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP, PREQ_PHYSCONTIG } from '../../../spec/constants/svr5';
import { constraintsFromPhysreq, defaultPhysreq } from '../../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../../spec/constraints/types';
import type { PhysAllocation } from '../../../spec/interface/implementation';
import type { MemoryMap } from '../../../spec/interface/memory-map';
import { checkPlacement } from '../../../spec/predicates/check';
import { boot, expectViolation, flush, GIB, MIB, PAGE, pattern, prepped, ramMap, track } from './harness';

/** Three 4-page RAM islands: 12 pages fit only as three pieces. */
const ISLANDS: MemoryMap = {
  ranges: [0n, 5n, 10n].map((p) => ({ base: p * PAGE, length: 4n * PAGE, type: 'ram' as const })),
};

describe('reference kmem_alloc_physreq / kmem_zalloc_physreq (DDI 7)', () => {
  it('kmem_zalloc_physreq reads as zeros where earlier memory left data; kmem_alloc_physreq gets the frames as they are', () => {
    const ref = boot({ ddi: '7', map: ramMap(8) });
    const preq = prepped(ref);
    const a = ref.kmem_alloc_physreq('user', 8n * PAGE, preq, KM_NOSLEEP) as bigint;
    ref.write(a, pattern(8 * 4096, 5));
    ref.kmem_free('user', a, 8n * PAGE);
    const z = ref.kmem_zalloc_physreq('user', 8n * PAGE, preq, KM_NOSLEEP) as bigint;
    expect(ref.read(z, 8 * 4096).every((b) => b === 0)).toBe(true);
  });

  it('a zeroing waiter woken by a free reads zeros', async () => {
    const ref = boot({ ddi: '7mp', map: ramMap(4) });
    const preq = prepped(ref);
    const a = ref.kmem_alloc_physreq('user', 4n * PAGE, preq, KM_NOSLEEP) as bigint;
    ref.write(a, pattern(4 * 4096, 6));
    const w = track(ref.kmem_zalloc_physreq('user', 4n * PAGE, preq, KM_SLEEP));
    await flush();
    expect(w.settled).toBe(false);
    ref.kmem_free('interrupt', a, 4n * PAGE);
    await flush();
    expect(ref.read(w.value!, 4 * 4096).every((b) => b === 0)).toBe(true);
  });

  it.each([
    [0, 3],
    [3, 3],
    [2, null],
    [1, null],
  ])('without PREQ_PHYSCONTIG scatters within phys_max_scgth %i (runs: %s)', (scgth, runs) => {
    const ref = boot({ ddi: '7', map: ISLANDS });
    const fields: Partial<PhysreqFields> = { phys_max_scgth: scgth };
    const v = ref.kmem_alloc_physreq('user', 12n * PAGE, prepped(ref, fields), KM_NOSLEEP) as bigint | null;
    if (runs === null) return expect(v).toBeNull();
    const segs = ref.translate(v!, 12n * PAGE);
    expect(segs).toHaveLength(runs);
    const c = constraintsFromPhysreq({ ...defaultPhysreq(), ...fields }, 'kmem_alloc_physreq');
    expect(checkPlacement(v!, 12n * PAGE, segs, c)).toEqual([]);
  });

  it('counts boundary splits as scatter/gather entries', () => {
    const ref = boot({ ddi: '7', map: ramMap(16) });
    const fields = { phys_boundary: 4n * PAGE, phys_max_scgth: 3 };
    const preq = prepped(ref, fields);
    expectViolation(ref, () => ref.kmem_alloc_physreq('user', 12n * PAGE + 1n, preq, KM_SLEEP), 'physreq.max-scgth', 'kmem_alloc_physreq');
    const v = ref.kmem_alloc_physreq('user', 12n * PAGE, preq, KM_NOSLEEP) as bigint;
    const segs = ref.translate(v, 12n * PAGE);
    const c = constraintsFromPhysreq({ ...defaultPhysreq(), ...fields }, 'kmem_alloc_physreq');
    expect(checkPlacement(v, 12n * PAGE, segs, c)).toEqual([]);
  });

  it('is contiguous only with PREQ_PHYSCONTIG, where a size above phys_boundary is refused', () => {
    const ref = boot({ ddi: '8', map: ISLANDS });
    expect(ref.kmem_alloc_physreq('user', 12n * PAGE, prepped(ref, { phys_flags: PREQ_PHYSCONTIG }), KM_NOSLEEP)).toBeNull();
    const v = ref.kmem_zalloc_physreq('user', 4n * PAGE, prepped(ref, { phys_flags: PREQ_PHYSCONTIG }), KM_NOSLEEP) as bigint;
    expect(ref.translate(v, 4n * PAGE)).toHaveLength(1);
    const b = prepped(ref, { phys_flags: PREQ_PHYSCONTIG, phys_boundary: 2n * PAGE });
    expectViolation(ref, () => ref.kmem_alloc_physreq('user', 3n * PAGE, b, KM_NOSLEEP), 'physreq.boundary-below-size', 'kmem_alloc_physreq');
  });

  it.each([KM_SLEEP, KM_NOSLEEP])('size 0 returns NULL at once (flag %i)', (flag) => {
    const ref = boot({ ddi: '7' });
    const preq = prepped(ref);
    expect(ref.kmem_alloc_physreq('user', 0n, preq, flag)).toBeNull();
    expect(ref.kmem_zalloc_physreq('user', 0n, preq, flag)).toBeNull();
    expect(ref.kernel.sleepers.length).toBe(0);
  });

  it('KM_SLEEP waits and KM_NOSLEEP returns NULL when memory is short', async () => {
    const ref = boot({ ddi: '7', map: ramMap(4) });
    const preq = prepped(ref);
    const a = ref.kmem_alloc_physreq('user', 4n * PAGE, preq, KM_NOSLEEP) as bigint;
    expect(ref.kmem_alloc_physreq('interrupt', PAGE, preq, KM_NOSLEEP)).toBeNull();
    const w = track(ref.kmem_alloc_physreq('user', PAGE, preq, KM_SLEEP));
    ref.kmem_free('user', a, 4n * PAGE);
    await flush();
    expect(w.settled).toBe(true);
  });
});

describe('reference kmem_alloc_phys (DDI 8)', () => {
  const phys = (ref: ReturnType<typeof boot>, size: bigint, fields: Partial<PhysreqFields>, flags = KM_FAIL_OK) =>
    ref.kmem_alloc_phys('user', size, prepped(ref, fields), flags) as PhysAllocation | null;

  it('hands back the physical address of the first byte, of one aligned run', () => {
    const ref = boot({ ddi: '8', map: 'large-64g' });
    expect(phys(ref, PAGE, { phys_dmasize: 32 })).not.toBeNull();
    const got = phys(ref, 3n * PAGE + 5n, { phys_dmasize: 32, phys_align: 64n * 1024n })!;
    const segs = ref.translate(got.vaddr, 3n * PAGE + 5n);
    expect(segs).toHaveLength(1);
    expect(got.paddr).toBe(segs[0]!.phys);
    expect(got.paddr % (64n * 1024n)).toBe(0n);
    expect(got.vaddr).not.toBe(got.paddr);
  });

  it('stays below 4 GiB even with phys_dmasize 64, and below 16 MiB with 24', () => {
    expect(phys(boot({ ddi: '8', map: 'high-only' }), PAGE, { phys_dmasize: 64 })).toBeNull();
    const ref = boot({ ddi: '8', map: 'large-64g' });
    const big = phys(ref, 2n * GIB, { phys_dmasize: 64 })!;
    expect(big.paddr + 2n * GIB).toBeLessThanOrEqual(4n * GIB);
    expect(phys(ref, GIB, { phys_dmasize: 64 })).toBeNull();
    const low = phys(ref, PAGE, { phys_dmasize: 24 })!;
    expect(low.paddr).toBeLessThan(16n * MIB);
  });

  it.each([0, KM_FAIL_OK])('refuses a physreq without phys_dmasize (flags %i)', (flags) => {
    const ref = boot({ ddi: '8' });
    const preq = prepped(ref);
    expectViolation(ref, () => ref.kmem_alloc_phys('user', PAGE, preq, flags), 'kmem_alloc_phys.dmasize-nonzero', 'kmem_alloc_phys');
  });

  it('flags 0 waits for memory; KM_FAIL_OK returns NULL instead', async () => {
    const ref = boot({ ddi: '8mp', map: ramMap(4) });
    const preq = prepped(ref, { phys_dmasize: 32 });
    const a = ref.kmem_alloc_phys('user', 4n * PAGE, preq, KM_FAIL_OK) as PhysAllocation;
    expect(ref.kmem_alloc_phys('interrupt', PAGE, preq, KM_FAIL_OK)).toBeNull();
    const w = track(ref.kmem_alloc_phys('user', 2n * PAGE, preq, 0));
    await flush();
    expect(w.settled).toBe(false);
    ref.kmem_free('user', a.vaddr, 4n * PAGE);
    await flush();
    expect(w.value?.paddr).toBe(0n);
    ref.kmem_free('user', w.value!.vaddr, 2n * PAGE);
    expect(ref.frames.freeFrames()).toBe(4);
  });

  it.each([KM_NOSLEEP, 3, -1])('refuses flags %i', (flags) => {
    const ref = boot({ ddi: '8' });
    const preq = prepped(ref, { phys_dmasize: 32 });
    expectViolation(ref, () => ref.kmem_alloc_phys('user', PAGE, preq, flags), 'svr5.km-flag-values', 'kmem_alloc_phys');
  });

  it('size 0 returns NULL', () => {
    const ref = boot({ ddi: '8' });
    expect(phys(ref, 0n, { phys_dmasize: 32 })).toBeNull();
  });
});

describe('reference kmem_free', () => {
  const C = 'kmem_free.exact-match';

  it('refuses unknown, repeated, wrongly sized and partial releases', () => {
    const ref = boot({ ddi: '8' });
    const v = ref.kmem_alloc_physreq('user', 3n * PAGE, prepped(ref), KM_NOSLEEP) as bigint;
    expectViolation(ref, () => ref.kmem_free('user', v + PAGE, 2n * PAGE), C, 'kmem_free');
    expectViolation(ref, () => ref.kmem_free('user', v, 2n * PAGE), C, 'kmem_free');
    expectViolation(ref, () => ref.kmem_free('user', 0x10000n, PAGE), C, 'kmem_free');
    ref.kmem_free('user', v, 3n * PAGE);
    expectViolation(ref, () => ref.kmem_free('user', v, 3n * PAGE), C, 'kmem_free');
  });

  it('refuses d_alloc_dmamem memory', () => {
    const ref = boot({ ddi: '7' });
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const a = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
    expectViolation(ref, () => ref.kmem_free('user', a, PAGE), 'd_free_dmamem.pairing', 'kmem_free');
  });

  it('releases memory of every DDI 7 and 8 service', () => {
    const ref = boot({ ddi: '8' });
    const preq = prepped(ref, { phys_dmasize: 32 });
    const a = ref.kmem_alloc_physreq('user', PAGE, preq, KM_NOSLEEP) as bigint;
    const z = ref.kmem_zalloc_physreq('user', PAGE, preq, KM_NOSLEEP) as bigint;
    const p = ref.kmem_alloc_phys('user', PAGE, preq, KM_FAIL_OK) as PhysAllocation;
    for (const v of [a, z, p.vaddr]) ref.kmem_free('non-blockable', v, PAGE);
    expect(ref.kernel.table.size).toBe(0);
  });
});
