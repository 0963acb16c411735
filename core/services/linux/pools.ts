import type { PoolParams } from '../../../spec/constraints/from-linux';
import type { Allocation } from '../kernel/allocation';
import type { PoolLayout } from './pool-layout';

/** One chunk of coherent memory a pool obtained, and which of its blocks are handed out. */
export interface PoolChunk {
  readonly memory: Allocation;
  readonly used: boolean[];
}

export interface PoolRecord {
  readonly id: number;
  readonly dev: number;
  readonly params: PoolParams;
  /** The device's coherent mask when the pool was made: every chunk lies below it. */
  readonly mask: bigint;
  readonly layout: PoolLayout;
  readonly chunks: PoolChunk[];
  /** Live blocks by CPU address: the DMA address each was given with. */
  readonly live: Map<bigint, { readonly dma: bigint; readonly chunk: PoolChunk; readonly slot: number }>;
}

export class PoolTable {
  private readonly pools = new Map<number, PoolRecord>();
  private next = 1;

  create(dev: number, params: PoolParams, mask: bigint, layout: PoolLayout): PoolRecord {
    const p: PoolRecord = { id: this.next++, dev, params, mask, layout, chunks: [], live: new Map() };
    this.pools.set(p.id, p);
    return p;
  }

  get(id: number): PoolRecord | undefined {
    return this.pools.get(id);
  }

  delete(id: number): void {
    this.pools.delete(id);
  }
}
