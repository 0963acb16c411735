import { describe, expect, it } from 'vitest';
import { zooMember } from '../../fixtures/correct/members';
import { DMA_CONTIGUOUS, DMA_FAIL } from '../../spec/constants/aix';
import { KM_NOSLEEP, KM_SLEEP, PREQ_PHYSCONTIG } from '../../spec/constants/svr5';
import type { DdiVersion } from '../../spec/constants/context';
import { GFP_ATOMIC } from '../../spec/constants/linux';
import type { DmaImplementation, DmaPair } from '../../spec/interface/implementation';
import type { MemoryRange } from '../../spec/interface/memory-map';
import { isContractViolation } from '../../spec/errors';

const MiB = 1n << 20n;
const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });

function boot(file: string, ranges: MemoryRange[] = [ram(0n, 4n * MiB)], ddiVersion: DdiVersion = '7', seed = 1): DmaImplementation {
  const impl = zooMember(file).create();
  impl.setup({ memoryMap: { ranges }, pageSize: 4096, ddiVersion, seed });
  return impl;
}

async function physreq(impl: DmaImplementation, flags = 0): Promise<number> {
  const p = (await impl.physreq_alloc!('user', KM_SLEEP))!;
  await impl.physreq_set!('user', p, { phys_flags: flags });
  expect(await impl.physreq_prep!('user', p, KM_SLEEP)).toBe(true);
  return p;
}

async function alloc(impl: DmaImplementation, preq: number, size: bigint): Promise<bigint> {
  const v = await impl.kmem_alloc_physreq!('user', size, preq, KM_NOSLEEP);
  if (v === null) throw new Error('no memory');
  return v;
}

async function physOf(impl: DmaImplementation, v: bigint): Promise<bigint> {
  return (await impl.translate(v, 1n))[0]!.phys;
}

// Each member must really differ from the reference in the way it claims, or the zoo proves nothing.
describe('each zoo member differs from the reference as it says', () => {
  it('first-fit-header: small blocks share a page, a header in front of each, only the caller bytes mapped', async () => {
    const impl = boot('first-fit-header');
    const p = await physreq(impl);
    const a = await alloc(impl, p, 1n);
    const b = await alloc(impl, p, 1n);
    const pa = await physOf(impl, a);
    const pb = await physOf(impl, b);
    expect(pb / 4096n).toBe(pa / 4096n);
    expect(pb - pa).toBe(32n);
    expect(pa).toBe(16n);
    // Virtual space is handed out byte by byte too: the next byte is b's, and the header between is never mapped.
    expect(b).toBe(a + 1n);
    expect(await impl.translate(a, 2n)).toEqual([
      { phys: pa, length: 1n },
      { phys: pb, length: 1n },
    ]);
  });

  it('buddy: a request takes a power-of-two block, and freeing merges it back whole', async () => {
    const impl = boot('buddy');
    const p = await physreq(impl);
    const a = await alloc(impl, p, 33n);
    const b = await alloc(impl, p, 1n);
    expect((await physOf(impl, b)) - (await physOf(impl, a))).toBe(64n);
    await impl.kmem_free!('user', a, 33n);
    await impl.kmem_free!('user', b, 1n);
    const whole = await alloc(impl, p, 4n * MiB);
    expect(await physOf(impl, whole)).toBe(0n);
  });

  it('best-fit-top-down: memory fills from the top of the smallest stretch that fits', async () => {
    const impl = boot('best-fit-top-down', [ram(0n, 2n * MiB), ram(4n * MiB, 64n * 1024n)]);
    const p = await physreq(impl);
    const v = await alloc(impl, p, 4096n);
    expect(await physOf(impl, v)).toBe(4n * MiB + 60n * 1024n);
  });

  it('random-fit: placement follows the seed given to setup', async () => {
    const first = async (seed: number) => {
      const impl = boot('random-fit', [ram(0n, 64n * MiB)], '7', seed);
      return physOf(impl, await alloc(impl, await physreq(impl), 4096n));
    };
    expect(await first(5)).toBe(await first(5));
    const spots = new Set(await Promise.all([1, 2, 3, 4, 5, 6].map(first)));
    expect(spots.size).toBeGreaterThan(3);
  });

  it('identity-mapped: vaddr equals paddr and physical 0 is never handed out', async () => {
    const impl = boot('identity-mapped', [ram(0n, 8192n)], '8');
    const p = await physreq(impl);
    await impl.physreq_set!('user', p, { phys_dmasize: 32 });
    await impl.physreq_prep!('user', p, KM_SLEEP);
    const got = await impl.kmem_alloc_phys!('user', 4096n, p, 2);
    expect(got).toEqual({ vaddr: 4096n, paddr: 4096n });
    expect(await impl.kmem_alloc_phys!('user', 4096n, p, 2)).toBeNull();
  });

  it('top-of-space: the first allocation ends at the last byte of the 64-bit space', async () => {
    const impl = boot('top-of-space');
    const v = await alloc(impl, await physreq(impl), 100n);
    expect(v + 100n).toBe(1n << 64n);
    expect((await impl.read(v + 99n, 1)).length).toBe(1);
  });

  it('scattered: memory that may scatter comes in pieces, memory that must not stays whole', async () => {
    const impl = boot('scattered');
    const loose = await alloc(impl, await physreq(impl), 4n * 4096n);
    expect((await impl.translate(loose, 4n * 4096n)).length).toBeGreaterThan(1);
    const whole = await alloc(impl, await physreq(impl, PREQ_PHYSCONTIG), 4n * 4096n);
    expect(await impl.translate(whole, 4n * 4096n)).toHaveLength(1);
    const h = (await impl.d_map_init!('process', 0, DMA_CONTIGUOUS, 0, 0))!;
    const aix = (await impl.d_alloc_dmamem!('process', h, 3n * 4096n, 12))!;
    expect(await impl.translate(aix, 3n * 4096n)).toHaveLength(1);
  });

  async function wakeOrder(file: string): Promise<string[]> {
    const impl = boot(file, [ram(0n, 4n * 4096n)]);
    const p = await physreq(impl);
    const all = await alloc(impl, p, 4n * 4096n);
    const served: string[] = [];
    void Promise.resolve(impl.kmem_alloc_physreq!('user', 2n * 4096n, p, KM_SLEEP)).then(() => served.push('old-big'));
    void Promise.resolve(impl.kmem_alloc_physreq!('user', 3n * 4096n, p, KM_SLEEP)).then(() => served.push('new-bigger'));
    void Promise.resolve(impl.kmem_alloc_physreq!('user', 4096n, p, KM_SLEEP)).then(() => served.push('newest-small'));
    await impl.kmem_free!('user', all, 4n * 4096n);
    await new Promise((r) => setTimeout(r, 20));
    return served;
  }

  it('wake orders: oldest first in the plain kernel, newest or smallest first in the members that say so', async () => {
    expect(await wakeOrder('high-ids')).toEqual(['old-big', 'newest-small']);
    expect(await wakeOrder('wake-newest-first')).toEqual(['newest-small', 'new-bigger']);
    expect(await wakeOrder('wake-smallest-first')).toEqual(['newest-small', 'old-big']);
  });

  it('delayed-wake: a sleeper is served about 250 ms after the release that satisfies it', async () => {
    const impl = boot('delayed-wake', [ram(0n, 4096n)]);
    const p = await physreq(impl);
    const all = await alloc(impl, p, 4096n);
    let servedAt = 0;
    const waiting = Promise.resolve(impl.kmem_alloc_physreq!('user', 4096n, p, KM_SLEEP)).then(() => (servedAt = Date.now()));
    const releasedAt = Date.now();
    await impl.kmem_free!('user', all, 4096n);
    expect(servedAt).toBe(0);
    await waiting;
    expect(servedAt - releasedAt).toBeGreaterThanOrEqual(240);
  });

  it('high-ids and reused-ids: ids start at 0x7fff0000, or come back after release', async () => {
    const high = boot('high-ids');
    expect(await high.d_map_init!('process', 0, 0, 0, 0)).toBe(0x7fff0000);
    expect(await high.physreq_alloc!('user', KM_SLEEP)).toBe(0x7fff0000);
    const reused = boot('reused-ids');
    const a = (await reused.physreq_alloc!('user', KM_SLEEP))!;
    await reused.physreq_alloc!('user', KM_SLEEP);
    await reused.physreq_free!('user', a);
    expect(await reused.physreq_alloc!('user', KM_SLEEP)).toBe(a);
  });

  it('strict-misuse: unknown d_map_init flags and unjudged contexts are reported, not answered quietly', async () => {
    const plain = boot('high-ids');
    expect(await plain.d_map_init!('process', 0, 0x4000_0000, 0, 0)).toBe(DMA_FAIL);
    expect(await plain.physreq_alloc!('initialization', KM_SLEEP)).toBeGreaterThan(0);
    const strict = boot('strict-misuse');
    const flagsReport = await Promise.resolve()
      .then(() => strict.d_map_init!('process', 0, 0x4000_0000, 0, 0))
      .catch((e: unknown) => e);
    expect(isContractViolation(flagsReport) && flagsReport.clause).toBe('d_map_init.flags-known');
    const contextReport = await Promise.resolve()
      .then(() => strict.physreq_alloc!('initialization', KM_SLEEP))
      .catch((e: unknown) => e);
    expect(isContractViolation(contextReport) && contextReport.clause).toBe('svr5.km-sleep-context');
  });

  it('dma_pools: plain ones pack blocks across pages and give an empty chunk back, page-local-pools keeps blocks inside pages and chunks until destroy', async () => {
    const pools = async (file: string) => {
      const impl = boot(file, [ram(0n, 64n * 4096n)]);
      const pool = (await impl.dma_pool_create!('process', 'zoo', 1, 100n, 4n, 0n))!;
      const blocks: DmaPair[] = [];
      for (let i = 0; i < 41; i++) blocks.push((await impl.dma_pool_alloc!('process', pool, GFP_ATOMIC))!);
      const crossing = blocks.filter((b) => b.dma / 4096n !== (b.dma + 99n) / 4096n).length;
      for (const b of blocks) await impl.dma_pool_free!('process', pool, b.cpu, b.dma);
      // All of memory at once is there again only if the pool gave its chunks back.
      const whole = (await impl.dma_alloc_coherent!('process', 1, 64n * 4096n, GFP_ATOMIC)) !== null;
      return { crosses: crossing > 0, whole };
    };
    expect(await pools('high-ids')).toEqual({ crosses: true, whole: true });
    expect(await pools('page-local-pools')).toEqual({ crosses: false, whole: false });
  });

  it('quiet-misuse: bad releases answer -1 or change nothing silently, bad requests answer NULL', async () => {
    const impl = boot('quiet-misuse');
    const p = await physreq(impl);
    const v = await alloc(impl, p, 4096n);
    await impl.kmem_free!('user', v + 1n, 4096n);
    await impl.kmem_free!('user', v, 1n);
    expect(await impl.read(v, 1)).toHaveLength(1);
    const h = (await impl.d_map_init!('process', 0, 0, 0, 0))!;
    expect(await impl.d_free_dmamem!('process', h, v, 4096n)).toBe(DMA_FAIL);
    expect(await impl.d_alloc_dmamem!('process', h + 1, 4096n, 12)).toBeNull();
    expect(await impl.kmem_alloc_physreq!('user', 4096n, p, 7)).toBeNull();
    await impl.kmem_free!('user', v, 4096n);
    expect(() => impl.read(v, 1)).toThrow(/not mapped/);
  });
});
