/**
 * Linux DMA API values as the suite fixes them on the wire. The documents
 * name GFP_KERNEL and GFP_ATOMIC but their values are the kernel's business;
 * these are the suite's own, so every implementation and message agrees.
 */
export const GFP_KERNEL = 0;
export const GFP_ATOMIC = 1;
export const GFP_VALUES: ReadonlyArray<number> = [GFP_KERNEL, GFP_ATOMIC];

/** What a device may address until its driver says otherwise (dma-api-howto.rst, "DMA addressing capabilities"). */
export const DEFAULT_MASK_BITS = 32;

/** DMA_BIT_MASK(n): the n low bits set. */
export function dmaBitMask(bits: number): bigint {
  if (!Number.isInteger(bits) || bits < 0 || bits > 64) throw new RangeError(`DMA_BIT_MASK(${bits}): bits must be 0..64`);
  return (1n << BigInt(bits)) - 1n;
}

/** The n of DMA_BIT_MASK(n) for a mask of that form, else null. */
export function maskBits(mask: bigint): number | null {
  if (mask < 0n || mask > dmaBitMask(64)) return null;
  if ((mask & (mask + 1n)) !== 0n) return null;
  return mask.toString(2).replace(/^0+/, '').length;
}

export function formatGfp(gfp: number): string {
  if (gfp === GFP_KERNEL) return 'GFP_KERNEL';
  if (gfp === GFP_ATOMIC) return 'GFP_ATOMIC';
  return String(gfp);
}

/** Whether the flags let the call block (GFP_KERNEL does, GFP_ATOMIC never). */
export function gfpMayBlock(gfp: number): boolean {
  return gfp === GFP_KERNEL;
}
