import type { PoolParams } from '../../../spec/constraints/from-linux';
import type { Allocation } from '../kernel/allocation';

/** What the layer knows of one pool, whatever engine lays its blocks. */
export interface PoolRecord {
  readonly id: number;
  readonly dev: number;
  readonly params: PoolParams;
  /** The device's coherent mask when the pool was made: every chunk lies below it. */
  readonly mask: bigint;
  /** Coherent memory the engine obtained for the pool and still holds, by CPU address. */
  readonly chunks: Map<bigint, Allocation>;
  /** Blocks out, by CPU address: the DMA address each was given with, once per time it is out. */
  readonly live: Map<bigint, bigint[]>;
}

export class PoolTable {
  private readonly pools = new Map<number, PoolRecord>();
  private next = 1;

  create(dev: number, params: PoolParams, mask: bigint): PoolRecord {
    const p: PoolRecord = { id: this.next++, dev, params, mask, chunks: new Map(), live: new Map() };
    this.pools.set(p.id, p);
    return p;
  }

  get(id: number): PoolRecord | undefined {
    return this.pools.get(id);
  }

  delete(id: number): void {
    this.pools.delete(id);
  }

  /** Records one more block out. */
  static take(p: PoolRecord, cpu: bigint, dma: bigint): void {
    const dmas = p.live.get(cpu);
    if (dmas === undefined) p.live.set(cpu, [dma]);
    else dmas.push(dma);
  }

  /** Takes one block back: whether (cpu, dma) was out. */
  static give(p: PoolRecord, cpu: bigint, dma: bigint): boolean {
    const dmas = p.live.get(cpu);
    const i = dmas?.indexOf(dma) ?? -1;
    if (dmas === undefined || i < 0) return false;
    dmas.splice(i, 1);
    if (dmas.length === 0) p.live.delete(cpu);
    return true;
  }

  static blocksOut(p: PoolRecord): number {
    let n = 0;
    for (const dmas of p.live.values()) n += dmas.length;
    return n;
  }
}
