import { describe, expect, it } from 'vitest';
import { ALL_CONTEXTS } from '../../../spec/constants/context';
import { KM_NOSLEEP } from '../../../spec/constants/svr5';
import { boot, expectViolation, PAGE, pattern, prepped } from './harness';

function withAllocation() {
  const ref = boot();
  const h = ref.d_map_init('process', 0, 0, 0, 0);
  const size = 2n * PAGE + 10n;
  const v = ref.d_alloc_dmamem('process', h, size, 12)!;
  ref.write(v, pattern(Number(size), 1));
  return { ref, h, v, size };
}

describe('reference d_free_dmamem', () => {
  it('returns 0, frees the frames and unmaps the area', () => {
    const { ref, h, v, size } = withAllocation();
    const free = ref.frames.freeFrames();
    expect(ref.d_free_dmamem('process', h, v, size)).toBe(0);
    expect(ref.frames.freeFrames()).toBe(free + 3);
    expect(ref.aix.handles.get(h)?.live).toBe(0);
    expect(() => ref.translate(v, 1n)).toThrow(RangeError);
  });

  it.each(ALL_CONTEXTS)('may be called from %s context', (ctx) => {
    const { ref, h, v, size } = withAllocation();
    expect(ref.d_free_dmamem(ctx, h, v, size)).toBe(0);
  });

  it('refuses a second free of the same area', () => {
    const { ref, h, v, size } = withAllocation();
    ref.d_free_dmamem('process', h, v, size);
    expectViolation(ref, () => ref.d_free_dmamem('process', h, v, size), 'd_free_dmamem.exact-match', 'd_free_dmamem');
  });

  it('refuses an address it never returned, including one inside a live area', () => {
    const { ref, h, v, size } = withAllocation();
    expectViolation(ref, () => ref.d_free_dmamem('process', h, v + PAGE, size - PAGE), 'd_free_dmamem.exact-match', 'd_free_dmamem');
    expectViolation(ref, () => ref.d_free_dmamem('process', h, v + 1n, size), 'd_free_dmamem.exact-match', 'd_free_dmamem');
    expectViolation(ref, () => ref.d_free_dmamem('process', h, 0n, size), 'd_free_dmamem.exact-match', 'd_free_dmamem');
  });

  it.each([
    ['smaller', -1n],
    ['larger', 1n],
    ['rounded to pages', 4086n],
  ])('refuses a %s size', (_what, delta) => {
    const { ref, h, v, size } = withAllocation();
    expectViolation(ref, () => ref.d_free_dmamem('process', h, v, size + delta), 'd_free_dmamem.exact-match', 'd_free_dmamem');
  });

  it('refuses a free on another live handle than the one that allocated', () => {
    const { ref, v, size } = withAllocation();
    const other = ref.d_map_init('process', 0, 0, 0, 0);
    expectViolation(ref, () => ref.d_free_dmamem('process', other, v, size), 'd_free_dmamem.exact-match', 'd_free_dmamem');
  });

  it.each([0, -1, 77])('refuses handle %s that d_map_init never returned', (bad) => {
    const { ref, v, size } = withAllocation();
    expectViolation(ref, () => ref.d_free_dmamem('process', bad, v, size), 'd_free_dmamem.exact-match', 'd_free_dmamem');
  });

  it('refuses memory that an SVR5 service allocated', () => {
    const ref = boot({ ddi: '5' });
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const preq = prepped(ref);
    const v = ref.kmem_alloc_physcontig('user', PAGE, preq, KM_NOSLEEP) as bigint;
    expectViolation(ref, () => ref.d_free_dmamem('process', h, v, PAGE), 'd_free_dmamem.pairing', 'd_free_dmamem');
  });

  it('leaves other areas and their contents alone', () => {
    const { ref, h, v, size } = withAllocation();
    const w = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
    ref.write(w, pattern(4096, 2));
    ref.d_free_dmamem('process', h, v, size);
    expect(ref.read(w, 4096)).toEqual(pattern(4096, 2));
  });
});
