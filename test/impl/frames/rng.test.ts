import { describe, expect, it } from 'vitest';
import { createRng } from '../../../impl/frames/rng';

describe('createRng', () => {
  it('replays the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 50 }, createRng(43))).not.toEqual(xs);
  });

  it('stays in [0, 1) and spreads over it', () => {
    const rng = createRng(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = rng();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(800);
  });

  it('tells apart seeds that differ only above 2^32, and rejects non-finite seeds', () => {
    expect(createRng(2 ** 32 + 5)()).not.toBe(createRng(5)());
    expect(() => createRng(Number.NaN)).toThrow(/^createRng: seed NaN/);
  });
});
