import { isPowerOfTwo } from '../address/u64';
import { DMASIZE_VALUES, PREQ_KNOWN_FLAGS, PREQ_PHYSCONTIG } from '../constants/svr5';
import { LIMIT_32_BIT, limitForAddressBits } from './limits';
import type { DmaConstraints, PhysreqFields } from './types';

/** What physreq_alloc hands back: phys_align 1, everything else 0 (RESEARCH.md, physreq_alloc). */
export function defaultPhysreq(): PhysreqFields {
  return { phys_align: 1n, phys_boundary: 0n, phys_dmasize: 0, phys_max_scgth: 0, phys_flags: 0 };
}

/**
 * Why physreq_prep must refuse these fields, or null when it may accept them.
 * The clause ids are those of spec/clauses/svr5-physreq.ts.
 */
export function physreqProblem(f: PhysreqFields): { clause: string; reason: string } | null {
  if (!isPowerOfTwo(f.phys_align)) {
    return { clause: 'physreq.align-power-of-two', reason: `phys_align 0x${f.phys_align.toString(16)} is not a power of two` };
  }
  if (f.phys_boundary !== 0n && !isPowerOfTwo(f.phys_boundary)) {
    return { clause: 'physreq.boundary-power-of-two', reason: `phys_boundary 0x${f.phys_boundary.toString(16)} is neither 0 nor a power of two` };
  }
  if (!DMASIZE_VALUES.includes(f.phys_dmasize)) {
    return { clause: 'physreq.dmasize-values', reason: `phys_dmasize ${f.phys_dmasize} is not one of ${DMASIZE_VALUES.join(', ')}` };
  }
  if (!Number.isInteger(f.phys_max_scgth) || f.phys_max_scgth < 0) {
    return { clause: 'physreq.max-scgth', reason: `phys_max_scgth ${f.phys_max_scgth} is not a non-negative integer` };
  }
  // `>>> 0 ===` keeps to 32-bit unsigned values: & alone drops the bits above 31 (2^32 would pass).
  const flags32 = Number.isInteger(f.phys_flags) && f.phys_flags >>> 0 === f.phys_flags;
  if (!flags32 || (f.phys_flags & ~PREQ_KNOWN_FLAGS) !== 0) {
    const shown = flags32 ? `0x${f.phys_flags.toString(16)}` : String(f.phys_flags);
    return { clause: 'physreq.flags-known', reason: `phys_flags ${shown} has unknown bits` };
  }
  return null;
}

export type PhysreqService = 'kmem_alloc_physcontig' | 'kmem_alloc_physreq' | 'kmem_zalloc_physreq' | 'kmem_alloc_phys';

/**
 * Constraints of an allocation made through a prepped physreq.
 * kmem_alloc_physcontig and kmem_alloc_phys are always contiguous; the DDI 7
 * services only when PREQ_PHYSCONTIG is set. kmem_alloc_phys stays below 4 GB.
 */
export function constraintsFromPhysreq(f: PhysreqFields, service: PhysreqService): DmaConstraints {
  const alwaysContiguous = service === 'kmem_alloc_physcontig' || service === 'kmem_alloc_phys';
  let maxAddress = limitForAddressBits(f.phys_dmasize);
  if (service === 'kmem_alloc_phys' && maxAddress > LIMIT_32_BIT) maxAddress = LIMIT_32_BIT;
  const contiguous = alwaysContiguous || (f.phys_flags & PREQ_PHYSCONTIG) !== 0;
  return {
    alignment: f.phys_align,
    virtualAlignment: 1n,
    boundary: f.phys_boundary,
    maxAddress,
    noZeroAddress: false,
    contiguous,
    maxSegments: contiguous ? 1 : f.phys_max_scgth,
  };
}
