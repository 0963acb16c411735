import { describe, expect, it } from 'vitest';
import {
  DMA_ADDRESS_64_BIT,
  DMA_CONTIGUOUS,
  DMA_ENABLE_64,
  DMA_FAIL,
  DMA_MAXMIN_MASK,
  DMA_NO_ZERO_ADDR,
  DMA_SLAVE,
} from '../../../spec/constants/aix';
import { boot, expectViolation, PAGE } from './harness';

describe('reference d_map_init', () => {
  it('returns distinct positive handles that remember their arguments', () => {
    const ref = boot();
    const a = ref.d_map_init('process', 0, DMA_CONTIGUOUS, 3, 4);
    const b = ref.d_map_init('process', 7, 0, 0, 0);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a).not.toBe(b);
    expect(ref.aix.handles.get(a)).toMatchObject({ bid: 0, flags: DMA_CONTIGUOUS, busFlags: 3, channel: 4, live: 0 });
  });

  it('accepts every documented flag, alone and together', () => {
    const ref = boot();
    const every = DMA_SLAVE | DMA_NO_ZERO_ADDR | DMA_ADDRESS_64_BIT | DMA_ENABLE_64 | DMA_CONTIGUOUS | DMA_MAXMIN_MASK;
    for (const f of [0, DMA_SLAVE, DMA_NO_ZERO_ADDR, DMA_ADDRESS_64_BIT, DMA_ENABLE_64, DMA_CONTIGUOUS, 0x7, every]) {
      expect(ref.d_map_init('process', 0, f, 0, 0), `flags 0x${f.toString(16)}`).toBeGreaterThan(0);
    }
  });

  it.each([0x20, 0x200, 0x1000, 0x8000_0000, 2 ** 32, -1, 0.5, Number.NaN])('answers DMA_FAIL for flags %s', (flags) => {
    const ref = boot();
    expect(ref.d_map_init('process', 0, flags, 0, 0)).toBe(DMA_FAIL);
    expect(ref.aix.handles.size).toBe(0);
  });

  it.each([-1, -100, 1.5, Number.NaN])('answers DMA_FAIL for bid %s', (bid) => {
    const ref = boot();
    expect(ref.d_map_init('process', bid, 0, 0, 0)).toBe(DMA_FAIL);
    expect(ref.aix.handles.size).toBe(0);
  });

  it('answers DMA_FAIL once maxHandles are live, and succeeds again after a clear', () => {
    const ref = boot({ options: { maxHandles: 3 } });
    const hs = [1, 2, 3].map(() => ref.d_map_init('process', 0, 0, 0, 0));
    expect(hs.every((h) => h > 0)).toBe(true);
    expect(ref.d_map_init('process', 0, 0, 0, 0)).toBe(DMA_FAIL);
    ref.d_map_clear('process', hs[1]!);
    const again = ref.d_map_init('process', 0, 0, 0, 0);
    expect(again).toBeGreaterThan(0);
    // A released id is not handed out again, so a stale handle can never alias a new one.
    expect(hs).not.toContain(again);
  });
});

describe('reference d_map_clear', () => {
  it('releases a handle: allocating or clearing with it again is refused', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    ref.d_map_clear('process', h);
    expect(ref.aix.handles.get(h)).toBeUndefined();
    expectViolation(ref, () => ref.d_alloc_dmamem('process', h, PAGE, 12), 'd_alloc_dmamem.valid-handle', 'd_alloc_dmamem');
    expectViolation(ref, () => ref.d_map_clear('process', h), 'd_map_clear.releases-handle', 'd_map_clear');
  });

  it.each([0, -1, 99])('refuses handle %s that d_map_init never returned', (h) => {
    const ref = boot();
    expectViolation(ref, () => ref.d_map_clear('process', h), 'd_map_clear.releases-handle', 'd_map_clear');
  });

  it('refuses a handle with live allocations and keeps it usable; clears once they are freed', () => {
    const ref = boot();
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const a = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
    const b = ref.d_alloc_dmamem('process', h, 3n * PAGE, 12)!;
    expectViolation(ref, () => ref.d_map_clear('process', h), 'd_map_clear.live-allocations', 'd_map_clear');
    expect(ref.d_free_dmamem('process', h, a, PAGE)).toBe(0);
    expectViolation(ref, () => ref.d_map_clear('process', h), 'd_map_clear.live-allocations', 'd_map_clear');
    expect(ref.d_free_dmamem('process', h, b, 3n * PAGE)).toBe(0);
    ref.d_map_clear('process', h);
    expect(ref.aix.handles.size).toBe(0);
  });

  it('counts live allocations per handle: another handle\'s memory does not block a clear', () => {
    const ref = boot();
    const h1 = ref.d_map_init('process', 0, 0, 0, 0);
    const h2 = ref.d_map_init('process', 0, 0, 0, 0);
    expect(ref.d_alloc_dmamem('process', h2, PAGE, 12)).not.toBeNull();
    ref.d_map_clear('process', h1);
    expect(ref.aix.handles.get(h2)?.live).toBe(1);
  });
});
