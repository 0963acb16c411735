import { describe, expect, it } from 'vitest';
import type { ReferenceOptions } from '../../../impl/kernel/options';
import { KM_NOSLEEP } from '../../../spec/constants/svr5';
import type { PhysSegment } from '../../../spec/constraints/types';
import { boot, MIB, PAGE, prepped, snapshot } from './harness';

/** More pages than the longest free run small-16m keeps at LOAD, so the request must scatter. */
const SCATTER_PAGES = 512n;
const LOAD = 0.5;

function loaded(seed: number, options: ReferenceOptions) {
  return boot({ ddi: '7', map: 'small-16m', seed, options });
}

/** A 64-page scatterable allocation on a loaded kernel; its segments in virtual order. */
function scattered(seed: number, options: ReferenceOptions): PhysSegment[] {
  const ref = loaded(seed, options);
  expect(ref.frames.largestRun()).toBeLessThan(Number(SCATTER_PAGES));
  const v = ref.kmem_alloc_physreq('user', SCATTER_PAGES * PAGE, prepped(ref), KM_NOSLEEP) as bigint;
  return ref.translate(v, SCATTER_PAGES * PAGE);
}

const ascending = (segs: PhysSegment[]) => segs.every((s, i) => i === 0 || segs[i - 1]!.phys < s.phys);

describe('reference: loadFraction', () => {
  it('holds that share of RAM from boot, never giving it back', () => {
    const ref = boot({ seed: 3, options: { loadFraction: 0.5 } });
    const total = ref.frames.totalFrames();
    expect(ref.frames.freeFrames()).toBe(total - Math.floor(total * 0.5));
    expect(ref.kernel.table.size).toBe(0);
  });

  it('makes a large contiguous KM_NOSLEEP request fail while the free total would cover it many times', () => {
    const size = MIB;
    const ref = boot({ ddi: '5', map: 'small-16m', seed: 1, options: { loadFraction: LOAD } });
    const preq = prepped(ref);
    const frames = ref.frames;
    expect(BigInt(frames.freeFrames()) * PAGE).toBeGreaterThan(4n * size);
    expect(BigInt(frames.largestRun()) * PAGE).toBeLessThan(size);
    const before = snapshot(ref);
    expect(ref.kmem_alloc_physcontig('user', size, preq, KM_NOSLEEP)).toBeNull();
    expect(snapshot(ref)).toEqual(before);
    // Small requests still succeed, and the same request succeeds on an unloaded kernel.
    expect(ref.kmem_alloc_physcontig('user', PAGE, preq, KM_NOSLEEP)).not.toBeNull();
    const idle = boot({ ddi: '5', map: 'small-16m', seed: 1 });
    expect(idle.kmem_alloc_physcontig('user', size, prepped(idle), KM_NOSLEEP)).not.toBeNull();
  });

  it('is deterministic from the seed', () => {
    const free = (seed: number) => loaded(seed, { loadFraction: LOAD }).frames.snapshot();
    expect(free(42)).toEqual(free(42));
    expect(free(42)).not.toEqual(free(43));
  });
});

describe('reference: randomizeFreeList', () => {
  it('scatters a non-contiguous allocation over random frames instead of the lowest ones', () => {
    const lowest = scattered(5, { loadFraction: LOAD });
    const random = scattered(5, { loadFraction: LOAD, randomizeFreeList: true });
    expect(lowest.length).toBeGreaterThan(1);
    expect(ascending(lowest)).toBe(true);
    expect(ascending(random)).toBe(false);
    expect(random.length).toBeGreaterThan(lowest.length / 2);
    expect(random.reduce((n, s) => n + s.length, 0n)).toBe(SCATTER_PAGES * PAGE);
  });

  it('is deterministic from the seed', () => {
    const opts = { loadFraction: LOAD, randomizeFreeList: true };
    expect(scattered(8, opts)).toEqual(scattered(8, opts));
    expect(scattered(8, opts)).not.toEqual(scattered(9, opts));
  });

  it('scatters AIX memory on a handle without DMA_CONTIGUOUS too', () => {
    const ref = loaded(5, { loadFraction: LOAD, randomizeFreeList: true });
    expect(ref.frames.largestRun()).toBeLessThan(Number(SCATTER_PAGES));
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const v = ref.d_alloc_dmamem('process', h, SCATTER_PAGES * PAGE, 12)!;
    expect(ascending(ref.translate(v, SCATTER_PAGES * PAGE))).toBe(false);
  });

  it('still serves a request from one run when one fits, and never scatters contiguous requests', () => {
    const ref = boot({ ddi: '7', map: 'small-16m', seed: 2, options: { randomizeFreeList: true } });
    const v = ref.kmem_alloc_physreq('user', SCATTER_PAGES * PAGE, prepped(ref), KM_NOSLEEP) as bigint;
    expect(ref.translate(v, SCATTER_PAGES * PAGE)).toHaveLength(1);
    const busy = loaded(5, { loadFraction: LOAD, randomizeFreeList: true });
    const c = busy.kmem_alloc_physreq('user', 4n * PAGE, prepped(busy, { phys_flags: 1 }), KM_NOSLEEP) as bigint | null;
    if (c !== null) expect(busy.translate(c, 4n * PAGE)).toHaveLength(1);
  });
});
