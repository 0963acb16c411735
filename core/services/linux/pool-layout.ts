import { alignUp } from '../../../spec/address/u64';
import { coherentOrderBytes, type PoolParams } from '../../../spec/constraints/from-linux';

/** Where a pool's blocks lie inside each chunk of coherent memory it obtains. */
export interface PoolLayout {
  /** Bytes of each chunk, asked of dma_alloc_coherent's placement: a power-of-two number of pages. */
  readonly chunkBytes: bigint;
  /** Offsets of the blocks in a chunk, in order. */
  readonly offsets: ReadonlyArray<bigint>;
}

/**
 * Blocks of the pool's size, each start rounded up to the alignment, laid
 * one after another and moved to the next boundary multiple when one would
 * cross it. A chunk is aligned to its own size, which is at least the
 * alignment and a multiple or divisor of the boundary, so offsets that meet
 * them within the chunk meet them in memory.
 */
export function poolLayout(p: PoolParams, pageBytes: bigint): PoolLayout {
  const align = p.align === 0n ? 1n : p.align;
  const stride = alignUp(p.size, align);
  const chunkBytes = coherentOrderBytes(stride > pageBytes ? stride : pageBytes, pageBytes);
  const offsets: bigint[] = [];
  for (let at = 0n; at + p.size <= chunkBytes; at += stride) {
    if (p.boundary !== 0n && at / p.boundary !== (at + p.size - 1n) / p.boundary) at = alignUp(at, p.boundary);
    if (at + p.size > chunkBytes) break;
    offsets.push(at);
  }
  return { chunkBytes, offsets };
}
