import { describe, expect, it } from 'vitest';
import { settleWithin } from '../../../properties/harness/settle';
import { KM_NOSLEEP, KM_SLEEP } from '../../../spec/constants/svr5';
import type { Parked } from '../../../spec/interface/implementation';
import { boot, expectViolation, flush, PAGE, prepped, ramMap, snapshot, track, type ProbeKernel } from './harness';

/** A 16-page kernel with every page held by four 4-page allocations (frames 0-3, 4-7, 8-11, 12-15). */
function full(): { ref: ProbeKernel; preq: number; held: bigint[] } {
  const ref = boot({ map: ramMap(16) });
  const preq = prepped(ref);
  const held = [0, 1, 2, 3].map(() => ref.kmem_alloc_physcontig('user', 4n * PAGE, preq, KM_NOSLEEP) as bigint);
  expect(ref.frames.freeFrames()).toBe(0);
  return { ref, preq, held };
}

const sleep = (ref: ProbeKernel, pages: bigint, preq: number) => track(ref.kmem_alloc_physcontig('user', pages * PAGE, preq, KM_SLEEP));
const firstFrame = (ref: ProbeKernel, v: bigint) => ref.translate(v, 1n)[0]!.phys / PAGE;

describe('reference kmem_alloc_physcontig KM_SLEEP', () => {
  it('returns at once when memory is available', () => {
    const ref = boot({ map: ramMap(16) });
    const v = ref.kmem_alloc_physcontig('user', PAGE, prepped(ref), KM_SLEEP);
    expect(typeof v).toBe('bigint');
  });

  it('waits without touching any state, and is served by the free that makes room', async () => {
    const { ref, preq, held } = full();
    const before = snapshot(ref) as { sleepers: number };
    const w = sleep(ref, 4n, preq);
    await flush();
    expect(w.settled).toBe(false);
    expect(snapshot(ref)).toEqual({ ...before, sleepers: 1 });
    ref.kmem_free_physcontig('interrupt', held[1]!, 4n * PAGE);
    // The memory is taken inside the free itself, before anyone else can grab it.
    expect(ref.frames.freeFrames()).toBe(0);
    expect(ref.kernel.sleepers.length).toBe(0);
    await flush();
    expect(w.settled).toBe(true);
    expect(firstFrame(ref, w.value!)).toBe(4n);
    ref.kmem_free_physcontig('user', w.value!, 4n * PAGE);
  });

  it('says the caller is parked, so the suite need not wait out a grace period to learn it', async () => {
    const { ref, preq, held } = full();
    const p = ref.kmem_alloc_physcontig('user', 4n * PAGE, preq, KM_SLEEP) as Promise<bigint | null> & Partial<Parked>;
    expect(await p.parked).toBe(true);
    const t0 = Date.now();
    expect(await settleWithin(p, 60_000)).toEqual({ state: 'pending' });
    expect(Date.now() - t0).toBeLessThan(30_000);
    ref.kmem_free_physcontig('user', held[0]!, 4n * PAGE);
    expect(await settleWithin(p, 0)).toMatchObject({ state: 'fulfilled' });
  });

  it('serves waiters in arrival order', async () => {
    const { ref, preq, held } = full();
    const w1 = sleep(ref, 4n, preq);
    const w2 = sleep(ref, 4n, preq);
    ref.kmem_free_physcontig('user', held[2]!, 4n * PAGE);
    await flush();
    expect([w1.settled, w2.settled]).toEqual([true, false]);
    expect(firstFrame(ref, w1.value!)).toBe(8n);
    ref.kmem_free_physcontig('user', held[0]!, 4n * PAGE);
    await flush();
    expect(w2.settled).toBe(true);
    expect(firstFrame(ref, w2.value!)).toBe(0n);
  });

  it('a waiter that still cannot be met does not hold back later ones', async () => {
    const { ref, preq, held } = full();
    const big = sleep(ref, 8n, preq);
    const w2 = sleep(ref, 2n, preq);
    const w3 = sleep(ref, 2n, preq);
    const w4 = sleep(ref, 1n, preq);
    ref.kmem_free_physcontig('user', held[0]!, 4n * PAGE);
    await flush();
    expect([big.settled, w2.settled, w3.settled, w4.settled]).toEqual([false, true, true, false]);
    expect([firstFrame(ref, w2.value!), firstFrame(ref, w3.value!)]).toEqual([0n, 2n]);
    ref.kmem_free_physcontig('user', held[1]!, 4n * PAGE);
    await flush();
    expect([big.settled, w4.settled]).toEqual([false, true]);
    expect(firstFrame(ref, w4.value!)).toBe(4n);
    ref.kmem_free_physcontig('user', held[2]!, 4n * PAGE);
    await flush();
    expect(big.settled).toBe(false);
    ref.kmem_free_physcontig('user', held[3]!, 4n * PAGE);
    await flush();
    expect(big.settled).toBe(true);
    expect(firstFrame(ref, big.value!)).toBe(5n);
    expect(ref.kernel.sleepers.length).toBe(0);
  });

  it('a waiter is served only when its own constraints are met', async () => {
    const { ref, held } = full();
    const aligned = prepped(ref, { phys_align: 8n * PAGE });
    const w = sleep(ref, 4n, aligned);
    ref.kmem_free_physcontig('user', held[1]!, 4n * PAGE);
    await flush();
    expect(w.settled).toBe(false);
    ref.kmem_free_physcontig('user', held[2]!, 4n * PAGE);
    await flush();
    expect(firstFrame(ref, w.value!)).toBe(8n);
  });

  it('is woken by releases through any family, since both share the kernel', async () => {
    const ref = boot({ map: ramMap(16) });
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const all = ref.d_alloc_dmamem('process', h, 16n * PAGE, 12)!;
    const w = sleep(ref, 16n, prepped(ref));
    expect(ref.d_free_dmamem('process', h, all, 16n * PAGE)).toBe(0);
    await flush();
    expect(w.settled).toBe(true);
  });

  it('a refused release while callers wait wakes no one', async () => {
    const { ref, preq, held } = full();
    const w = sleep(ref, 4n, preq);
    expectViolation(ref, () => ref.kmem_free_physcontig('user', held[0]!, PAGE), 'kmem_free_physcontig.exact-match');
    await flush();
    expect(w.settled).toBe(false);
    expect(ref.kernel.sleepers.length).toBe(1);
  });
});
