import { describe, expect, it } from 'vitest';
import type { PoolEngine, PoolHost, PoolPair } from '../../core/pool-contract';
import { LayoutPools } from '../../core/services/linux/layout-pools';
import { ChunkPerBlock } from '../../fixtures/correct/pools/chunk-per-block';
import { ReferenceKernel } from '../../impl/reference';
import { allProperties } from '../../properties';
import { describeFailure } from '../../properties/runner/describe-result';
import { runSuite } from '../../properties/runner/run-suite';
import { GFP_ATOMIC } from '../../spec/constants/linux';
import type { PoolParams } from '../../spec/constraints/from-linux';
import { isContractViolation } from '../../spec/errors';
import type { SetupConfig } from '../../spec/interface/implementation';

const LINUX = allProperties().filter((p) => p.families.includes('linux'));
const POOLS = LINUX.filter((p) => p.name.startsWith('pool'));
const KiB = 1024n;
const config: SetupConfig = { memoryMap: { ranges: [{ base: 0n, length: 256n * KiB, type: 'ram' }] }, pageSize: 4096, ddiVersion: '8' };

const judge = (engine: () => PoolEngine, seed: number, properties = LINUX) => runSuite(() => new ReferenceKernel().usePools(engine()), { seed, properties });
const notPassing = (r: Awaited<ReturnType<typeof judge>>) => r.results.filter((x) => x.status !== 'PASS').map(describeFailure);

/** Records what the layer asks of it, and lays blocks as the layer's own engine does. */
class Recording extends LayoutPools {
  readonly calls: string[] = [];
  override create(pool: number, p: PoolParams): boolean {
    this.calls.push(`create ${pool}`);
    return super.create(pool, p);
  }
  override free(pool: number, block: PoolPair): void {
    this.calls.push(`free ${pool}`);
    super.free(pool, block);
  }
  override destroy(pool: number): void {
    this.calls.push(`destroy ${pool}`);
    super.destroy(pool);
  }
}

describe('a pool engine behind the Linux services', () => {
  it('the reference names the engine it lays pools with', () => {
    expect(new ReferenceKernel().usePools(new ChunkPerBlock()).name).toBe('reference + pools chunk-per-block');
  });

  for (const seed of [1, 2, 3]) {
    it(`a correct engine unlike the layer's own passes every Linux property on seed ${seed}`, async () => {
      expect(notPassing(await judge(() => new ChunkPerBlock(), seed))).toEqual([]);
    });
  }

  it('hands the engine only what the documents allow: a double free and a busy destroy stop at the layer', () => {
    const engine = new Recording();
    const k = new ReferenceKernel().usePools(engine);
    k.setup(config);
    const pool = k.dma_pool_create('process', 'p', 1, 64n, 64n, 0n)!;
    const b = k.dma_pool_alloc('process', pool, GFP_ATOMIC)!;
    k.dma_pool_free('process', pool, b.cpu, b.dma);
    const again = () => k.dma_pool_free('process', pool, b.cpu, b.dma);
    expect(again).toThrow(expect.objectContaining({ clause: 'dma_pool_free.from-this-pool' }));
    const c = k.dma_pool_alloc('process', pool, GFP_ATOMIC)!;
    expect(() => k.dma_pool_destroy('process', pool)).toThrow(expect.objectContaining({ clause: 'dma_pool_destroy.all-freed' }));
    k.dma_pool_free('process', pool, c.cpu, c.dma);
    k.dma_pool_destroy('process', pool);
    expect(engine.calls).toEqual([`create ${pool}`, `free ${pool}`, `free ${pool}`, `destroy ${pool}`]);
    // Every chunk came back: the whole map can be had again.
    expect(k.dma_alloc_coherent('process', 1, 128n * KiB, GFP_ATOMIC)).not.toBeNull();
  });

  it('an engine that gives back memory it does not hold has crashed: BROKEN, never a verdict on a clause', async () => {
    class GivesBackTwice extends ChunkPerBlock {
      override free(pool: number, block: PoolPair): void {
        super.free(pool, block);
        super.free(pool, block);
      }
    }
    const r = await judge(() => new GivesBackTwice(), 1, POOLS);
    const broken = r.results.filter((x) => x.status === 'BROKEN');
    expect(broken.length).toBeGreaterThan(0);
    expect(broken[0]!.failure?.message).toMatch(/pool engine chunk-per-block: gave back .* which is not a chunk pool \d+ holds/);
    expect(r.results.filter((x) => x.status === 'FAIL').map(describeFailure)).toEqual([]);
  });

  it('a block outside the chunks the engine obtained is judged: nothing is mapped at it, so it is no memory and not NULL', async () => {
    class PastTheChunk extends ChunkPerBlock {
      override alloc(pool: number): PoolPair | null {
        const b = super.alloc(pool);
        // A multiple of every alignment a pool is made with, far past any chunk.
        return b === null ? null : { cpu: b.cpu + (1n << 40n), dma: b.dma + (1n << 40n) };
      }
    }
    const r = await judge(() => new PastTheChunk(), 1, POOLS.filter((p) => p.name === 'pool.blocks'));
    // Not one byte of it translates: an answer that is no memory at all is a failure that is not NULL (Session.judge).
    expect(r.results.map((x) => [x.status, x.failure?.clause])).toEqual([['FAIL', 'dma_pool_alloc.null-on-failure']]);
    expect(r.results[0]!.failure?.message).toMatch(/whose first byte is not mapped .*not memory, and not NULL/);
  });

  it('an engine keeping its chunks\' bytes is read and written there: a free-list link left in a block out is caught', async () => {
    /** Keeps every chunk's bytes, and on each alloc writes a "next free" link into the block it handed out before, which may still be out. */
    class LinkInBlock extends ChunkPerBlock {
      private readonly bytes = new Map<bigint, Uint8Array>();
      private keeper: PoolHost | null = null;
      private last: bigint | null = null;
      override reset(host: PoolHost): void {
        this.bytes.clear();
        this.keeper = host;
        this.last = null;
        super.reset({ pageSize: host.pageSize, obtain: (p, s) => this.keep(host.obtain(p, s), s), giveBack: (p, s, c) => host.giveBack(p, s, c) });
      }
      private keep(chunk: PoolPair | null, size: bigint): PoolPair | null {
        // At least the link's bytes, even for a pool of 1-byte blocks.
        if (chunk !== null) this.bytes.set(chunk.dma, new Uint8Array(Math.max(Number(size), 8)));
        return chunk;
      }
      override alloc(pool: number): PoolPair | null {
        const b = super.alloc(pool);
        if (b !== null && this.last !== null) this.write(this.last, new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
        if (b !== null) this.last = b.dma;
        return b;
      }
      private where(dma: bigint): [Uint8Array, number] {
        for (const [base, bytes] of this.bytes) if (dma >= base && dma < base + BigInt(bytes.length)) return [bytes, Number(dma - base)];
        throw new RangeError(`no chunk holds ${dma} (${this.keeper === null ? 'never reset' : 'not obtained'})`);
      }
      read(dma: bigint, length: number): Uint8Array {
        const [bytes, at] = this.where(dma);
        return bytes.slice(at, at + length);
      }
      write(dma: bigint, data: Uint8Array): void {
        const [bytes, at] = this.where(dma);
        bytes.set(data, at);
      }
    }
    const clean = await judge(() => new ChunkPerBlock(), 1, POOLS.filter((p) => p.name === 'pool.interleaving'));
    expect(notPassing(clean)).toEqual([]);
    const r = await judge(() => new LinkInBlock(), 1, POOLS.filter((p) => p.name === 'pool.interleaving'));
    expect(r.results.map((x) => [x.status, x.failure?.clause])).toEqual([['FAIL', 'dma.data-integrity']]);
  });
});

describe('contract violations raised by the layer carry their clause', () => {
  it('is a ContractViolation', () => {
    const k = new ReferenceKernel().usePools(new ChunkPerBlock());
    k.setup(config);
    try {
      k.dma_pool_free('process', 99, 0n, 0n);
      expect.unreachable();
    } catch (e) {
      expect(isContractViolation(e)).toBe(true);
    }
  });
});
