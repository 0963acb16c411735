import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeRequestArb } from '../../properties/arbitraries/edges';
import { memoryMapArb, type GeneratedMap } from '../../properties/arbitraries/memory-maps';
import { aixFamily } from '../../properties/families/aix';
import { physcontigFamily } from '../../properties/families/svr5';

const N = 2000;
const MB = 1n << 20n;
const GB4 = 1n << 32n;

const share = <T>(xs: ReadonlyArray<T>, pred: (x: T) => boolean) => xs.filter(pred).length / xs.length;
const ramOf = (g: GeneratedMap) => g.map.ranges.filter((r) => r.type === 'ram');
const offGrid = (g: GeneratedMap) => g.map.ranges.some((r) => r.base % BigInt(g.pageSize) !== 0n || r.length % BigInt(g.pageSize) !== 0n);
/** The end of the highest whole page of RAM. */
const usableEnd = (g: GeneratedMap) => {
  const p = BigInt(g.pageSize);
  return ramOf(g).reduce((m, r) => ((r.base + r.length) / p) * p > m ? ((r.base + r.length) / p) * p : m, 0n);
};

describe('memory maps', () => {
  const small = fc.sample(memoryMapArb(), { seed: 1, numRuns: N });
  const large = fc.sample(memoryMapArb({ large: true }), { seed: 1, numRuns: N });

  it('often have ranges off the page grid and runs of many ranges', () => {
    expect(share(small, offGrid)).toBeGreaterThan(0.3);
    expect(share(small, (g) => ramOf(g).length >= 9)).toBeGreaterThan(0.05);
    expect(share(small, (g) => ramOf(g).length >= 4)).toBeGreaterThan(0.15);
  });

  it('reach GiB and TiB only when asked to', () => {
    const big = (g: GeneratedMap) => g.map.ranges.some((r) => r.length >= 1n << 30n);
    expect(share(small, big)).toBe(0);
    expect(share(large, big)).toBeGreaterThan(0.2);
    expect(share(large, (g) => g.map.ranges.some((r) => r.length >= 1n << 40n))).toBeGreaterThan(0.01);
  });

  it('shrink to the one range that matters', () => {
    const r = fc.check(fc.property(memoryMapArb(), (g) => !offGrid(g)), { seed: 1 });
    expect(r.failed).toBe(true);
    expect(r.counterexample![0].map.ranges.length).toBe(1);
  });
});

describe('edge-aimed requests', () => {
  const phys = fc.sample(edgeRequestArb(physcontigFamily.shapeArb, physcontigFamily.constraints), { seed: 2, numRuns: N });
  const aix = fc.sample(edgeRequestArb(aixFamily.shapeArb, aixFamily.constraints), { seed: 2, numRuns: N });

  it('come as k pages less a byte, k pages and k pages and a byte, each often', () => {
    for (const sample of [phys.map((e) => ({ size: e.size, gen: e.gen })), aix.map((e) => ({ size: e.size, gen: e.gen }))]) {
      for (const d of [-1n, 0n, 1n]) expect(share(sample, (e) => (((e.size - d) % BigInt(e.gen.pageSize)) === 0n))).toBeGreaterThan(0.25);
    }
  });

  it('end their usable RAM exactly at an edge, or one page past it, often', () => {
    const marks = (e: (typeof phys)[number]) => {
      const c = physcontigFamily.constraints(e.shape, e.size, BigInt(e.gen.pageSize));
      return [16n * MB, GB4, c.boundary, c.alignment, c.maxAddress + 1n].filter((m) => m > BigInt(e.gen.pageSize) && m < 1n << 64n);
    };
    const endsAt = (extra: bigint) => (e: (typeof phys)[number]) => marks(e).some((m) => (usableEnd(e.gen) - extra * BigInt(e.gen.pageSize)) % m === 0n);
    expect(share(phys, endsAt(0n))).toBeGreaterThan(0.15);
    expect(share(phys, endsAt(1n))).toBeGreaterThan(0.1);
    expect(share(phys, (e) => offGrid(e.gen))).toBeGreaterThan(0.3);
  });

  it('sit at 16 MiB, at 4 GiB, and at the request\'s own limit, boundary and alignment', () => {
    const near = (m: bigint) => (e: (typeof phys)[number]) => ramOf(e.gen).some((r) => r.base <= m + BigInt(e.gen.pageSize) && r.base + r.length >= m - BigInt(e.gen.pageSize));
    expect(share(phys, near(16n * MB))).toBeGreaterThan(0.1);
    expect(share(phys, near(GB4))).toBeGreaterThan(0.1);
    const atOwn = (e: (typeof phys)[number]) => {
      const c = physcontigFamily.constraints(e.shape, e.size, BigInt(e.gen.pageSize));
      const marks = [c.boundary, c.alignment].filter((s) => s > BigInt(e.gen.pageSize));
      return ramOf(e.gen).some((r) => marks.some((s) => (r.base + r.length + s - 1n) / s > (r.base + s - 1n) / s || (r.base + r.length) % s < BigInt(e.gen.pageSize)));
    };
    expect(share(phys, atOwn)).toBeGreaterThan(0.1);
    expect(share(aix, (e) => aixFamily.constraints(e.shape, e.size, BigInt(e.gen.pageSize)).alignment > BigInt(e.gen.pageSize) && ramOf(e.gen).some((r) => r.base % aixFamily.constraints(e.shape, e.size, BigInt(e.gen.pageSize)).alignment !== 0n))).toBeGreaterThan(0.1);
  });

  it('often leave a fragment below that the request cannot use', () => {
    expect(share(phys, (e) => ramOf(e.gen).length >= 2)).toBeGreaterThan(0.3);
  });
});
