import { describe, expect, it } from 'vitest';
import { WrapsSizeCore } from '../../fixtures/cores/mutants/wraps-size';
import { placementProperty } from '../../properties/catalogue/placement';
import { aixFamily } from '../../properties/families/aix';
import { physcontigFamily, physFamily, physreqAllocFamily, physreqZallocFamily } from '../../properties/families/svr5';
import { runCore } from './helpers';

/**
 * A core whose size arithmetic wraps serves requests near 2^64 with a tiny
 * block. The layer cannot map such an answer, and must not turn it into
 * NULL unjudged: it is memory running past RAM, the within-RAM clause.
 */
describe('core mode: a core answering a request near 2^64', () => {
  it.each([1, 2, 3, 4, 5])('is rejected with dma.within-ram on seed %i', async (seed) => {
    const svr5 = [physcontigFamily, physreqAllocFamily, physreqZallocFamily, physFamily].map((f) => placementProperty(f));
    const report = await runCore(() => new WrapsSizeCore(), seed, 1, [placementProperty(aixFamily), ...svr5]);
    const failed = report.results.filter((r) => r.status !== 'PASS' && r.status !== 'UNSUPPORTED');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((r) => [r.status, r.failure?.clause])).toEqual(failed.map(() => ['FAIL', 'dma.within-ram']));
  });
});

describe('core mode: a core answering an address past 2^64 − 1', () => {
  it('is rejected with dma.within-ram on every family, never a crash without a clause', async () => {
    const core = {
      name: 'past-u64',
      init() {},
      // The first address no 64-bit machine has, whatever was asked.
      alloc: () => 1n << 64n,
      free() {},
    };
    const svr5 = [physcontigFamily, physreqAllocFamily, physreqZallocFamily, physFamily].map((f) => placementProperty(f));
    const report = await runCore(() => core, 1, 1, [placementProperty(aixFamily), ...svr5]);
    const judged = report.results.filter((r) => r.status !== 'UNSUPPORTED');
    expect(judged.length).toBe(5);
    expect(judged.map((r) => [r.property, r.status, r.failure?.clause])).toEqual(judged.map((r) => [r.property, 'FAIL', 'dma.within-ram']));
  });
});
