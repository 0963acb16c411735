/**
 * What a user may write for the Linux dma_pool services: a pool engine. It
 * lays a pool's blocks into chunks of coherent memory that the service
 * layer hands it, and knows nothing of devices, masks, contexts, GFP flags
 * or misuse, which the layer supplies around it. The layer's own pools are
 * one such engine (core/services/linux/layout-pools.ts); a process speaking
 * the core protocol's pool ops is another (docs/core-protocol.md).
 * Every address and size is a bigint.
 */
import type { PoolParams } from '../spec/constraints/from-linux';

/** A CPU address and the DMA address the device uses for the same byte. */
export interface PoolPair {
  readonly cpu: bigint;
  readonly dma: bigint;
}

/** The layer's side: coherent memory for a pool, as dma_alloc_coherent gives it. */
export interface PoolHost {
  readonly pageSize: number;
  /**
   * `size` bytes of coherent memory for `pool`: one run below the device's
   * coherent mask when the pool was made, aligned (CPU and DMA address) to
   * the smallest power-of-two number of pages not below the size; null
   * when there is none now. The chunk is the pool's until given back.
   */
  obtain(pool: number, size: bigint): PoolPair | null;
  /** Gives back a chunk obtain answered for this pool, with the same size. */
  giveBack(pool: number, size: bigint, chunk: PoolPair): void;
}

/**
 * The layer calls an engine only with what the documents allow: create
 * with valid arguments (dma_pool_create.params), alloc, free and destroy
 * of a pool it created and has not destroyed, free of a block that pool
 * has out with the pair it was given as, destroy of a pool with no block
 * out. Every answer is judged by the properties, never corrected.
 */
export interface PoolEngine {
  readonly name: string;
  /** Starts afresh, before the first create of a setup: every pool and chunk of an earlier setup is forgotten (the layer took their memory back). */
  reset(host: PoolHost): void;
  /** Makes pool number `pool`; false refuses it (dma_pool_create returns NULL). */
  create(pool: number, params: PoolParams): boolean;
  /**
   * One block: `params.size` bytes, the DMA address a multiple of the
   * alignment, no boundary multiple inside, within a chunk obtained for this
   * pool; null when no chunk has room and none can be obtained. With
   * `zero`, the block reads as zeros (an engine without memory access has
   * the layer zero it).
   */
  alloc(pool: number, zero: boolean): PoolPair | null;
  free(pool: number, block: PoolPair): void;
  /** Gives back every chunk the pool obtained. */
  destroy(pool: number): void;
  /**
   * Optional access to the bytes of the chunks the engine holds, by DMA
   * address (free-list links kept inside free blocks live there): the suite
   * then reads and writes blocks here. Without it the layer keeps the bytes.
   */
  read?(dma: bigint, length: number): Uint8Array;
  write?(dma: bigint, data: Uint8Array): void;
  /** Optional: release what the engine holds (a subprocess) when the suite is done with it. */
  dispose?(): void;
}
