import { alignUp, isPowerOfTwo } from '../address/u64';
import type { DmaConstraints } from './types';

/**
 * The bytes dma_alloc_coherent aligns to for a request of `size`: the
 * smallest power-of-two number of pages not below the size
 * (dma-api-howto.rst, "Using Consistent DMA mappings").
 */
export function coherentOrderBytes(size: bigint, pageSize: bigint): bigint {
  let bytes = pageSize;
  while (bytes < size) bytes <<= 1n;
  return bytes;
}

const HALF_SPACE = 1n << 63n;

/**
 * Constraints of dma_alloc_coherent: one run, below the coherent mask,
 * CPU and DMA address aligned to the page order of the size, which also
 * keeps the run inside one block of that order.
 */
export function constraintsFromCoherent(size: bigint, pageSize: bigint, coherentMask: bigint): DmaConstraints {
  const order = size > 0n ? coherentOrderBytes(size, pageSize) : pageSize;
  // Past 2^63 the order is the whole 64-bit space, which no u64 can state: such a run
  // can only start at 0, which alignment 2^63 and no boundary say exactly as well.
  const whole = order > HALF_SPACE;
  return {
    alignment: whole ? HALF_SPACE : order,
    virtualAlignment: whole ? HALF_SPACE : order,
    boundary: whole ? 0n : order,
    maxAddress: coherentMask,
    noZeroAddress: false,
    contiguous: true,
    maxSegments: 1,
  };
}

/** What dma_pool_create fixes for every block of the pool. */
export interface PoolParams {
  readonly size: bigint;
  readonly align: bigint;
  readonly boundary: bigint;
}

/** Why the documents rule these creation arguments out, or null when they allow them. */
export function poolParamsProblem(p: PoolParams): string | null {
  if (p.size <= 0n) return `size ${p.size} is not positive`;
  if (p.align !== 0n && !isPowerOfTwo(p.align)) return `align ${p.align} is not a power of two`;
  if (p.boundary !== 0n && !isPowerOfTwo(p.boundary)) return `boundary ${p.boundary} is neither 0 nor a power of two`;
  if (p.boundary !== 0n && p.boundary < p.size) return `boundary ${p.boundary} is below the size ${p.size}`;
  return null;
}

/** The bytes a pool may keep inside each free block (a free-list link, a DMA address): a cache line. */
export const POOL_FREE_BLOCK_BYTES = 64n;

/**
 * Whether a pool of these (valid) arguments may be refused: its boundary
 * is below what one block occupies, the size (at least the bytes a free
 * block keeps) rounded up to the alignment. See dma_pool_create.params.
 */
export function poolMayBeRefused(p: PoolParams): boolean {
  if (p.boundary === 0n) return false;
  const align = p.align === 0n ? 1n : p.align;
  const size = p.size > POOL_FREE_BLOCK_BYTES ? p.size : POOL_FREE_BLOCK_BYTES;
  return p.boundary < alignUp(size, align);
}

/** Constraints every block of a pool meets: the pool's size, align and boundary, below the device's coherent mask, one run. */
export function constraintsFromPool(p: PoolParams, coherentMask: bigint): DmaConstraints {
  const alignment = p.align === 0n ? 1n : p.align;
  return {
    alignment,
    virtualAlignment: 1n,
    boundary: p.boundary,
    maxAddress: coherentMask,
    noZeroAddress: false,
    contiguous: true,
    maxSegments: 1,
  };
}

/**
 * The reading of "possible" for a mask (dma-api.rst, Part Ic): a device can
 * do DMA under a mask when at least one whole page of RAM lies at or below
 * it. Below that, no coherent allocation could ever succeed.
 */
export function maskSupportable(mask: bigint, ram: ReadonlyArray<{ readonly base: bigint; readonly length: bigint }>, pageSize: bigint): boolean {
  return ram.some((r) => {
    const start = ((r.base + pageSize - 1n) / pageSize) * pageSize;
    return start + pageSize <= r.base + r.length && start + pageSize - 1n <= mask;
  });
}
