import type { Ambiguity } from './types';

/** Readings shared by the same rule in several services. */

/** kmem_free_physcontig and kmem_free return nothing, so how a bad release is refused is open. */
export const VOID_RELEASE: Ambiguity = {
  question: 'The release returns void, and the pages do not say what becomes of a bad one (repeated, partial, unknown or through the wrong service).',
  interpretation: 'It may refuse silently (ignore it) or report a violation; either way it must change nothing. The suite judges a silent answer by its effects alone: every live allocation keeps its data and its memory (none of it is handed out again), and after proper releases the free memory is what it was.',
  why: 'A void service has no way to answer "refused", and real kernels either ignore such calls or panic in debug builds; what must never happen is that the memory is taken back while its owner still holds it.',
};

/** The SHOULD that a request fails only when nothing free meets it, for every allocating service. */
export const COMPLETENESS: Ambiguity = {
  question: 'Whether "cannot be provided" means too little free memory, or no free stretch meeting every constraint, and how much an allocator may lose to its own bookkeeping.',
  interpretation: 'The suite flags a failure (NULL, or a blocking caller sleeping past the wake-up deadline) only when its own model of free memory (the map less every live allocation\'s pages and a page either side) holds a stretch meeting every constraint that is four times the request\'s pages plus two, starting a page or more into the free memory it lies in; it reports this as a SHOULD, apart from conformance. Physical page 0 never counts.',
  why: 'Allocators keep headers, round up (a buddy to a power of two), reserve memory or use placements that cannot find every run; the documents promise no perfection, but a failure against that much room is no matter of overhead.',
};
