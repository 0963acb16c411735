import type { PoolParams } from '../../../spec/constraints/from-linux';
import type { PoolEngine, PoolHost, PoolPair } from '../../pool-contract';
import { poolLayout, type PoolLayout } from './pool-layout';

/** One chunk of coherent memory a pool obtained, and which of its blocks are handed out. */
export interface PoolChunk {
  readonly at: PoolPair;
  readonly used: boolean[];
}

interface LaidPool {
  readonly layout: PoolLayout;
  readonly chunks: PoolChunk[];
  /** Handed-out blocks by CPU address: where each lies. */
  readonly out: Map<bigint, { readonly chunk: PoolChunk; readonly slot: number }>;
}

/**
 * The layer's own pool engine, for every placement core that brings none:
 * chunks of a power-of-two number of pages, each carved into blocks as
 * poolLayout lays them, the first free block of the oldest chunk first.
 */
export class LayoutPools implements PoolEngine {
  readonly name: string = 'layout';
  private host: PoolHost | null = null;
  private readonly pools = new Map<number, LaidPool>();

  reset(host: PoolHost): void {
    this.host = host;
    this.pools.clear();
  }

  create(pool: number, params: PoolParams): boolean {
    this.pools.set(pool, { layout: this.layoutFor(params, BigInt(this.served().pageSize)), chunks: [], out: new Map() });
    return true;
  }

  alloc(pool: number, _zero: boolean): PoolPair | null {
    const p = this.pools.get(pool)!;
    const spot = this.freeSlot(p) ?? this.grow(pool, p);
    if (spot === null) return null;
    const { chunk, slot } = spot;
    const offset = p.layout.offsets[slot]!;
    chunk.used[slot] = true;
    const block = { cpu: chunk.at.cpu + offset, dma: chunk.at.dma + offset };
    p.out.set(block.cpu, { chunk, slot });
    return block;
  }

  free(pool: number, block: PoolPair): void {
    const p = this.pools.get(pool)!;
    const b = p.out.get(block.cpu);
    if (b === undefined) return;
    p.out.delete(block.cpu);
    this.markFree(b.chunk, b.slot);
  }

  destroy(pool: number): void {
    const p = this.pools.get(pool)!;
    this.pools.delete(pool);
    for (const chunk of p.chunks) this.served().giveBack(pool, p.layout.chunkBytes, chunk.at);
  }

  // Seams a variant (a fixture mutant) may replace.
  protected layoutFor(params: PoolParams, pageBytes: bigint): PoolLayout {
    return poolLayout(params, pageBytes);
  }

  /** Marks a block of a chunk free again once dma_pool_free has taken it back. */
  protected markFree(chunk: PoolChunk, slot: number): void {
    chunk.used[slot] = false;
  }

  private served(): PoolHost {
    if (this.host === null) throw new Error(`${this.name}: reset() has not been called`);
    return this.host;
  }

  private freeSlot(p: LaidPool): { chunk: PoolChunk; slot: number } | null {
    for (const chunk of p.chunks) {
      const slot = chunk.used.indexOf(false);
      if (slot >= 0) return { chunk, slot };
    }
    return null;
  }

  private grow(pool: number, p: LaidPool): { chunk: PoolChunk; slot: number } | null {
    if (p.layout.offsets.length === 0) return null;
    const at = this.served().obtain(pool, p.layout.chunkBytes);
    if (at === null) return null;
    const chunk: PoolChunk = { at, used: p.layout.offsets.map(() => false) };
    p.chunks.push(chunk);
    return { chunk, slot: 0 };
  }
}
