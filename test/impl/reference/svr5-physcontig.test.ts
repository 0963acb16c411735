import { describe, expect, it } from 'vitest';
import { KM_NOSLEEP, KM_SLEEP, PREQ_PHYSCONTIG } from '../../../spec/constants/svr5';
import type { PhysreqFields } from '../../../spec/constraints/types';
import type { MemoryMap } from '../../../spec/interface/memory-map';
import { crossesBoundary } from '../../../spec/predicates/placement';
import { boot, expectViolation, GIB, MIB, PAGE, prepped, ramMap, snapshot, type ProbeKernel } from './harness';

const KIB = 1024n;

function nosleep(ref: ProbeKernel, size: bigint, fields: Partial<PhysreqFields> = {}): bigint | null {
  return ref.kmem_alloc_physcontig('user', size, prepped(ref, fields), KM_NOSLEEP) as bigint | null;
}

function runOf(ref: ProbeKernel, v: bigint, size: bigint): { phys: bigint; length: bigint } {
  const segs = ref.translate(v, size);
  expect(segs, 'one physical run').toHaveLength(1);
  return segs[0]!;
}

const TWO_ISLANDS: MemoryMap = {
  ranges: [
    { base: 0n, length: 8n * PAGE, type: 'ram' },
    { base: 8n * PAGE, length: PAGE, type: 'reserved' },
    { base: 9n * PAGE, length: 8n * PAGE, type: 'ram' },
  ],
};

describe('reference kmem_alloc_physcontig: placement', () => {
  it.each([1n, 512n, 4096n, 8192n, 64n * KIB, 2n * MIB, GIB])('starts physically at a multiple of phys_align %s', (align) => {
    const ref = boot({ map: 'large-64g' });
    expect(nosleep(ref, PAGE)).not.toBeNull();
    const size = 5n * PAGE + 3n;
    const v = nosleep(ref, size, { phys_align: align })!;
    const run = runOf(ref, v, size);
    expect(run.length).toBe(size);
    expect(run.phys % align).toBe(0n);
  });

  it.each([
    [64n * KIB, 48n * KIB],
    [64n * KIB, 64n * KIB],
    [2n * MIB, 2n * MIB - 100n],
    [2048n, 2048n],
    [1n << 32n, 3n * PAGE],
  ])('does not span a multiple of phys_boundary %s (size %s)', (boundary, size) => {
    const ref = boot();
    // Shift the lowest free frame so that the first fit would cross the boundary.
    expect(nosleep(ref, 8n * PAGE)).not.toBeNull();
    const v = nosleep(ref, size, { phys_boundary: boundary })!;
    const run = runOf(ref, v, size);
    expect(crossesBoundary(run.phys, run.length, boundary)).toBe(false);
  });

  it('honours phys_dmasize 24 and 32, and 0 and 64 mean anywhere', () => {
    const ref = boot({ map: 'large-64g' });
    const low = nosleep(ref, 15n * MIB, { phys_dmasize: 24 })!;
    const r = runOf(ref, low, 15n * MIB);
    expect(r.phys + r.length).toBeLessThanOrEqual(16n * MIB);
    // 636 KiB is all that is left below 16 MiB.
    expect(nosleep(ref, MIB, { phys_dmasize: 24 })).toBeNull();
    const mid = nosleep(ref, MIB, { phys_dmasize: 32 })!;
    expect(runOf(ref, mid, MIB).phys).toBeGreaterThanOrEqual(16n * MIB);
    for (const bits of [24, 32]) expect(nosleep(boot({ map: 'high-only' }), PAGE, { phys_dmasize: bits })).toBeNull();
    for (const bits of [0, 64]) expect(nosleep(boot({ map: 'high-only' }), PAGE, { phys_dmasize: bits })).not.toBeNull();
  });

  it('is contiguous with or without PREQ_PHYSCONTIG: NULL when only scattered memory would do', () => {
    for (const flags of [0, PREQ_PHYSCONTIG]) {
      const ref = boot({ map: TWO_ISLANDS });
      expect(nosleep(ref, 12n * PAGE, { phys_flags: flags })).toBeNull();
      const v = nosleep(ref, 8n * PAGE, { phys_flags: flags, phys_max_scgth: 8 })!;
      runOf(ref, v, 8n * PAGE);
    }
  });

  it('maps exactly the size asked for, rounding only the backing to pages', () => {
    const ref = boot();
    const v = nosleep(ref, 1n)!;
    expect(runOf(ref, v, 1n).length).toBe(1n);
    expect(ref.kernel.table.get(v)?.pages).toBe(1);
  });
});

describe('reference kmem_alloc_physcontig: refusal and failure', () => {
  it.each([KM_SLEEP, KM_NOSLEEP])('refuses size 0 and negative sizes (flag %i)', (flag) => {
    const ref = boot();
    const preq = prepped(ref);
    for (const size of [0n, -1n]) {
      expectViolation(ref, () => ref.kmem_alloc_physcontig('user', size, preq, flag), 'kmem_alloc_physcontig.size-nonzero', 'kmem_alloc_physcontig');
    }
  });

  it.each([KM_SLEEP, KM_NOSLEEP])('refuses a size above phys_boundary at once rather than waiting (flag %i)', (flag) => {
    const ref = boot();
    const preq = prepped(ref, { phys_boundary: 64n * KIB });
    expectViolation(ref, () => ref.kmem_alloc_physcontig('user', 64n * KIB + 1n, preq, flag), 'physreq.boundary-below-size', 'kmem_alloc_physcontig');
    const tiny = prepped(ref, { phys_boundary: 1n });
    expectViolation(ref, () => ref.kmem_alloc_physcontig('user', 2n, tiny, flag), 'physreq.boundary-below-size', 'kmem_alloc_physcontig');
    expect(ref.kernel.sleepers.length).toBe(0);
  });

  it.each([2, -1, 0.5])('refuses flag %s', (flag) => {
    const ref = boot();
    const preq = prepped(ref);
    expectViolation(ref, () => ref.kmem_alloc_physcontig('user', PAGE, preq, flag), 'svr5.km-flag-values', 'kmem_alloc_physcontig');
  });

  it('KM_NOSLEEP returns NULL on exhaustion and changes nothing', () => {
    const ref = boot({ map: ramMap(16) });
    const preq = prepped(ref);
    const a = ref.kmem_alloc_physcontig('user', 10n * PAGE, preq, KM_NOSLEEP) as bigint;
    ref.write(a, new Uint8Array([9, 8, 7]));
    const before = snapshot(ref);
    expect(ref.kmem_alloc_physcontig('interrupt', 7n * PAGE, preq, KM_NOSLEEP)).toBeNull();
    expect(ref.kmem_alloc_physcontig('interrupt', 1n << 50n, preq, KM_NOSLEEP)).toBeNull();
    expect(snapshot(ref)).toEqual(before);
    expect(ref.kmem_alloc_physcontig('interrupt', 6n * PAGE, preq, KM_NOSLEEP)).not.toBeNull();
    expect(ref.kmem_alloc_physcontig('interrupt', 1n, preq, KM_NOSLEEP)).toBeNull();
  });

  it('KM_NOSLEEP returns NULL when pages are free but none meets the physreq', () => {
    const ref = boot({ map: ramMap(16) });
    expect(nosleep(ref, PAGE)).not.toBeNull();
    const aligned = prepped(ref, { phys_align: 16n * PAGE });
    const before = snapshot(ref);
    expect(ref.kmem_alloc_physcontig('user', PAGE, aligned, KM_NOSLEEP)).toBeNull();
    expect(snapshot(ref)).toEqual(before);
    expect(ref.frames.freeFrames()).toBe(15);
  });
});
