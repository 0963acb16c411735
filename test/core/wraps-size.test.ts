import { describe, expect, it } from 'vitest';
import type { PlacementRequest } from '../../core/contract';
import { FirstFitCore } from '../../fixtures/cores/first-fit';
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

/** Searches for twice the size, room to align, computed in a 64-bit size_t: past 2^63 it finds a block smaller than asked. */
class SearchesTwiceTheSize extends FirstFitCore {
  override name = 'searches-twice-the-size';
  private searched(size: bigint): bigint {
    const t = (2n * size) % 2n ** 64n;
    return t === 0n ? 1n : t < size ? t : size;
  }
  override alloc(r: PlacementRequest): bigint | null {
    return super.alloc({ ...r, size: this.searched(r.size) });
  }
  override free(address: bigint, size: bigint): void {
    super.free(address, this.searched(size));
  }
}

describe('core mode: the shell judging a core answer it cannot map', () => {
  it('reports dma.within-ram with the shell\'s own explanation, not just "reported as violating"', async () => {
    const report = await runCore(() => new SearchesTwiceTheSize(), 1, 1, [placementProperty(aixFamily)]);
    const r = report.results[0]!;
    expect([r.status, r.failure?.clause]).toEqual(['FAIL', 'dma.within-ram']);
    // What the shell found: the core's answer and why it is no memory of the map.
    expect(r.failure!.message).toMatch(/the core answered 0x[0-9a-f]+\+0x[0-9a-f]+ for 0x[0-9a-f]+ bytes, which is not RAM of the memory map/);
    // Said once, not once by the shell and again by the judge.
    expect(r.failure!.message.match(/\[dma\.within-ram\]/g)).toHaveLength(1);
  });
});
