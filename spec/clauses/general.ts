import { aix, dmaApi, research, svr5 } from './sources';
import type { Clause } from './types';

/** Rules every allocation service shares: what "allocate memory" means. */
export const GENERAL_CLAUSES: ReadonlyArray<Clause> = [
  {
    id: 'dma.no-overlap',
    service: 'dma',
    sources: [aix('Description'), svr5('Description'), dmaApi('Part Ia - Using large DMA-coherent buffers')],
    paraphrase: 'Allocated memory belongs to its caller alone: two live allocations never share a virtual or a physical byte.',
    strength: 'MUST',
    kind: 'invariant',
  },
  {
    id: 'dma.data-integrity',
    service: 'dma',
    sources: [aix('Description'), svr5('Description'), dmaApi('Part Ia - Using large DMA-coherent buffers')],
    paraphrase: 'What a caller writes into its memory stays there, whatever other callers allocate and release, until it is released.',
    strength: 'MUST',
    kind: 'invariant',
  },
  {
    id: 'dma.within-ram',
    service: 'dma',
    sources: [aix('Description'), svr5('Description'), dmaApi('Part Ia - Using large DMA-coherent buffers')],
    paraphrase: 'Every physical byte handed out is RAM of the memory map: never a hole or a reserved range.',
    strength: 'MUST',
    kind: 'invariant',
    ambiguity: {
      question: 'Firmware maps give ranges whose base or length is not a whole number of pages; the documents speak only of memory, while allocators hand out pages.',
      interpretation: 'RAM means exact bytes: every byte of every allocation must lie inside a RAM range of the byte-exact map (touching RAM ranges count as one). An allocator may use the RAM part of a page the map shares with a hole or a reserved range; one that works in whole pages trims each range inward to its whole pages, which is its own choice, not a rule.',
      why: 'The documents speak of memory, not pages, and what a device is given is the bytes it may touch: those must all be RAM. A byte-granular allocator (headers, sub-page blocks) is then judged by the same check as a page-granular one.',
    },
  },
  {
    id: 'dma.distinct-virtual',
    service: 'dma',
    sources: [svr5('Description'), research('SVR5 / UnixWare DDI: vtop')],
    paraphrase: 'The pointer returned is a kernel virtual address; its physical pages are found by translation, not assumed equal to it.',
    strength: 'MUST',
    kind: 'invariant',
    notTestable: 'an identity-mapped kernel is legitimate, so no answer can break it; the suite honours it by always translating',
  },
  {
    id: 'dma.release-restores',
    service: 'dma',
    sources: [aix('Notes'), research('SVR5 / UnixWare DDI: kmem_free_physcontig'), dmaApi('Part Ia - Using large DMA-coherent buffers')],
    paraphrase: 'Released memory becomes free again: once everything is released, the largest request that succeeded at the start succeeds again, and no page leaks on any path.',
    strength: 'MUST',
    kind: 'invariant',
    ambiguity: {
      question: 'When released memory counts as free again: must it serve the request it served before while other memory stays taken, or only once everything is back; and does memory a release hands to a sleeping KM_SLEEP caller, whose call has not returned yet, count as free?',
      interpretation: 'Released memory serves again at once: with memory full of blocks of one size and constraints, releasing one of them makes the same request, without waiting, succeed; and once everything is released, the largest requests met one after another at the start are met again. Memory handed to a woken sleeper is not free: a release may reserve it for the waiter it wakes and complete that call later, within the wake-up deadline, so memory is judged lost only when the wake-up deadline has passed with no sleeper waking.',
      why: 'The allocator itself showed that the released memory holds that request, with whatever headers, rounding and alignment it keeps; a free block that cannot be had again for its own size (a size-class search that skips it) is memory lost as surely as a leak. A kernel hands freed memory to the sleeper it wakes and runs it when scheduled; until then the memory belongs to that sleeper, and nothing is lost.',
    },
  },
  {
    id: 'dma.misuse-harmless',
    service: 'dma',
    sources: [research('Misuse that comparable runtime checkers catch')],
    paraphrase: 'A refused or reported misuse (bad release, wrong context, bad handle or physreq) changes nothing: live allocations, their contents and free memory stay as they were.',
    strength: 'MUST',
    kind: 'invariant',
  },
  {
    id: 'dma.free-memory-served',
    service: 'dma',
    sources: [aix('Return Values'), svr5('Arguments'), svr5('Usage'), research('SVR5 / UnixWare DDI: Successors'), dmaApi('Part Ia - Using large DMA-coherent buffers')],
    paraphrase: 'Memory that is plainly free is served: on a freshly set-up system with nothing live, a modest request with easy constraints comes back with memory, at once for AIX, for a non-blocking SVR5 caller and for Linux coherent memory and pool blocks, and within the wake-up deadline for a caller allowed to block.',
    strength: 'MUST',
    kind: 'postcondition',
    ambiguity: {
      question: 'AIX and Linux say only that NULL means the memory could not be allocated, and SVR5 that a KM_SLEEP caller blocks until the memory is available; neither says when memory counts as available, and an allocator that never allocates is consistent with itself.',
      interpretation: 'An absolute floor, far below the SHOULD of completeness: right after setup, with nothing allocated, a request of one byte to a few pages through a handle or physreq with no alignment, boundary or scatter-gather limit (contiguous, any address), on a map whose RAM holds one whole range of at least 64 times the request and 64 pages, off page 0 and below 16 MiB so that no address limit of either family bites, must get memory. NULL there is not "could not be allocated", and a blocking caller that sleeps past the wake-up deadline there waits for memory that is available. A blocking caller that gets NULL breaks the blocking clause of its service instead, and a refused handle or physreq is judged by the clauses of d_map_init and physreq_prep.',
      why: 'Headers, rounding to a power of two, pages and the allocator\'s own bookkeeping cost at most a few times a request, never sixty-four; the SVR5 page advises allocating at initialisation exactly because contiguous memory is there then, and blames failures on fragmentation after running at load, which a fresh map does not have.',
    },
  },
];
