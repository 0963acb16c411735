import type { Ambiguity } from './types';

/** Readings shared by several Linux clauses. */

/** What the suite can see of the two addresses dma_alloc_coherent and dma_pool_alloc return. */
export const DMA_ADDRESS: Ambiguity = {
  question: 'The DMA address is what the device puts on the bus; with an IOMMU or a bus offset it differs from the physical address, and the documents do not say how a caller could tell.',
  interpretation: 'The suite models a platform without an IOMMU or offset: the DMA address of a region is the physical address of its first byte, as translating the CPU address shows, and the whole region is one run from there. The CPU address is observed through translation, reads and writes only; its value is the implementation\'s own.',
  why: 'Coherent memory must be reachable by the device at the DMA address and by the CPU at the CPU address as the same bytes; on a direct-mapped platform that is exactly the physical run behind the CPU address.',
};

/** Calls the documents keep out of interrupt or atomic context. */
export const LINUX_CONTEXT: Ambiguity = {
  question: 'The documents say where a call may be made (a context that can sleep, not in interrupt context) but not what an implementation does when called elsewhere.',
  interpretation: 'Such a call is the caller\'s error and is left unjudged: an implementation may report it or go ahead. The reference reports it. Calls the documents allow (GFP_ATOMIC anywhere, dma_pool_free in interrupt context) must be served.',
  why: 'Linux itself only warns in debug builds (might_sleep); a conformance suite cannot demand detection the documents never promise.',
};

/** The suite's own numbers for the GFP flags and devices. */
export const WIRE_VALUES: Ambiguity = {
  question: 'GFP_KERNEL and GFP_ATOMIC are kernel macros and struct device a kernel object; the documents give no values.',
  interpretation: 'The suite fixes GFP_KERNEL = 0 and GFP_ATOMIC = 1 and names a device by a positive integer of the caller\'s choosing; each device starts every setup with 32-bit masks.',
  why: 'Every implementation, in process or over the wire, must agree on the values the suite sends.',
};
