/**
 * The one constraint model both families map onto. Every address and length
 * is a bigint (see spec/address/u64.ts).
 */
export interface DmaConstraints {
  /** The physical start address is a multiple of this many bytes (a power of two, at least 1). */
  readonly alignment: bigint;
  /** The virtual start address is a multiple of this (AIX aligns the returned area itself; SVR5 says nothing, so 1). */
  readonly virtualAlignment: bigint;
  /** 0 for none; otherwise a power of two, and no physical segment may span an address that is a multiple of it. */
  readonly boundary: bigint;
  /** The highest physical address any byte of the allocation may have (inclusive). */
  readonly maxAddress: bigint;
  /** No byte may lie at physical address 0 (AIX DMA_NO_ZERO_ADDR). */
  readonly noZeroAddress: boolean;
  /** The allocation must be one physical segment. */
  readonly contiguous: boolean;
  /** The most physical segments the device can take (0 for no limit). */
  readonly maxSegments: number;
}

/** A physical range, in the order it backs the virtual range. */
export interface PhysSegment {
  readonly phys: bigint;
  readonly length: bigint;
}

/** Fields of the SVR5 physreq(D4) structure that the suite models. */
export interface PhysreqFields {
  phys_align: bigint;
  phys_boundary: bigint;
  phys_dmasize: number;
  phys_max_scgth: number;
  phys_flags: number;
}

/** The result of checking inputs before any memory is looked for. */
export type RequestVerdict =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly clause: string; readonly reason: string };
