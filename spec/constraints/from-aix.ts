import {
  DMA_ADDRESS_64_BIT,
  DMA_CONTIGUOUS,
  DMA_ENABLE_64,
  DMA_KNOWN_FLAGS,
  DMA_NO_ZERO_ADDR,
} from '../constants/aix';
import { LIMIT_32_BIT, LIMIT_64_BIT } from './limits';
import type { DmaConstraints } from './types';

/** The smallest and largest log2 alignment the suite accepts (AIX gives no range; see clause d_alloc_dmamem.align-range). */
export const AIX_ALIGN_MIN = 0;
export const AIX_ALIGN_MAX = 63;

export function aixFlagsValid(flags: number): boolean {
  // The range check comes first: JavaScript's & keeps only the low 32 bits, so 2^32 would pass the mask.
  return Number.isInteger(flags) && flags >= 0 && flags <= 0x7fffffff && (flags & ~DMA_KNOWN_FLAGS) === 0;
}

export function aixAlignValid(align: number): boolean {
  return Number.isInteger(align) && align >= AIX_ALIGN_MIN && align <= AIX_ALIGN_MAX;
}

/** 64-bit addressing needs both DMA_ADDRESS_64_BIT and DMA_ENABLE_64; anything less means 32-bit. */
export function aixAddressLimit(flags: number): bigint {
  const both = DMA_ADDRESS_64_BIT | DMA_ENABLE_64;
  return (flags & both) === both ? LIMIT_64_BIT : LIMIT_32_BIT;
}

/**
 * Constraints of a d_alloc_dmamem request. The document says the returned
 * area is aligned; DMA needs the physical start aligned too, so both are.
 */
export function constraintsFromAix(flags: number, align: number): DmaConstraints {
  if (!aixAlignValid(align)) throw new RangeError(`d_alloc_dmamem: align ${align} is outside ${AIX_ALIGN_MIN}..${AIX_ALIGN_MAX}`);
  const alignment = 1n << BigInt(align);
  return {
    alignment,
    virtualAlignment: alignment,
    boundary: 0n,
    maxAddress: aixAddressLimit(flags),
    noZeroAddress: (flags & DMA_NO_ZERO_ADDR) !== 0,
    contiguous: (flags & DMA_CONTIGUOUS) !== 0,
    maxSegments: 0,
  };
}
