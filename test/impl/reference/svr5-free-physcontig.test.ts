import { describe, expect, it } from 'vitest';
import { ALL_CONTEXTS } from '../../../spec/constants/context';
import { KM_NOSLEEP } from '../../../spec/constants/svr5';
import { boot, expectViolation, PAGE, pattern, prepped } from './harness';

const C = 'kmem_free_physcontig.exact-match';

function withAllocation() {
  const ref = boot({ ddi: '6mp' });
  const preq = prepped(ref);
  const size = 3n * PAGE;
  const v = ref.kmem_alloc_physcontig('user', size, preq, KM_NOSLEEP) as bigint;
  ref.write(v, pattern(Number(size), 3));
  return { ref, preq, v, size };
}

describe('reference kmem_free_physcontig', () => {
  it.each(ALL_CONTEXTS)('releases an exact match from %s context', (ctx) => {
    const { ref, v, size } = withAllocation();
    const free = ref.frames.freeFrames();
    ref.kmem_free_physcontig(ctx, v, size);
    expect(ref.frames.freeFrames()).toBe(free + 3);
    expect(ref.kernel.table.size).toBe(0);
    expect(() => ref.read(v, 1)).toThrow(RangeError);
  });

  it('refuses an address never allocated', () => {
    const { ref, size } = withAllocation();
    expectViolation(ref, () => ref.kmem_free_physcontig('user', 0x1000n, size), C, 'kmem_free_physcontig');
    expectViolation(ref, () => ref.kmem_free_physcontig('user', 0xffff_ffff_ffff_f000n, size), C, 'kmem_free_physcontig');
  });

  it('refuses a double free', () => {
    const { ref, v, size } = withAllocation();
    ref.kmem_free_physcontig('user', v, size);
    expectViolation(ref, () => ref.kmem_free_physcontig('user', v, size), C, 'kmem_free_physcontig');
  });

  it.each([1n, PAGE, 3n * PAGE - 1n, 3n * PAGE + 1n, 4n * PAGE, 0n])('refuses the wrong size %s', (size) => {
    const { ref, v } = withAllocation();
    expectViolation(ref, () => ref.kmem_free_physcontig('user', v, size), C, 'kmem_free_physcontig');
  });

  it('refuses a partial free from inside the allocation', () => {
    const { ref, v } = withAllocation();
    expectViolation(ref, () => ref.kmem_free_physcontig('user', v + PAGE, 2n * PAGE), C, 'kmem_free_physcontig');
    expectViolation(ref, () => ref.kmem_free_physcontig('user', v + 2n * PAGE, PAGE), C, 'kmem_free_physcontig');
  });

  it('refuses memory that d_alloc_dmamem allocated', () => {
    const { ref } = withAllocation();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const a = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
    expectViolation(ref, () => ref.kmem_free_physcontig('user', a, PAGE), 'kmem_free_physcontig.pairing', 'kmem_free_physcontig');
  });

  it('its memory may not be released by kmem_free or d_free_dmamem', () => {
    const { ref, v, size } = withAllocation();
    expectViolation(ref, () => ref.kmem_free('user', v, size), 'kmem_free_physcontig.pairing', 'kmem_free');
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    expectViolation(ref, () => ref.d_free_dmamem('process', h, v, size), 'd_free_dmamem.pairing', 'd_free_dmamem');
  });

  it('a release leaves the other allocations and their bytes as they were', () => {
    const { ref, preq, v, size } = withAllocation();
    const w = ref.kmem_alloc_physcontig('user', PAGE, preq, KM_NOSLEEP) as bigint;
    ref.write(w, pattern(4096, 4));
    ref.kmem_free_physcontig('user', v, size);
    expect(ref.read(w, 4096)).toEqual(pattern(4096, 4));
  });
});
