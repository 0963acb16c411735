import { U64_MAX } from '../address/u64';

export const LIMIT_24_BIT = (1n << 24n) - 1n;
export const LIMIT_32_BIT = (1n << 32n) - 1n;
export const LIMIT_64_BIT = U64_MAX;

/** Highest physical address for a DMA address size in bits (0 means no requirement). */
export function limitForAddressBits(bits: number): bigint {
  if (bits === 0 || bits >= 64) return LIMIT_64_BIT;
  return (1n << BigInt(bits)) - 1n;
}
