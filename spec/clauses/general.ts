import { aix, research, svr5 } from './sources';
import type { Clause } from './types';

/** Rules every allocation service shares: what "allocate memory" means. */
export const GENERAL_CLAUSES: ReadonlyArray<Clause> = [
  {
    id: 'dma.no-overlap',
    service: 'dma',
    sources: [aix('Description'), svr5('Description')],
    paraphrase: 'Allocated memory belongs to its caller alone: two live allocations never share a virtual or a physical byte.',
    strength: 'MUST',
    kind: 'invariant',
  },
  {
    id: 'dma.data-integrity',
    service: 'dma',
    sources: [aix('Description'), svr5('Description')],
    paraphrase: 'What a caller writes into its memory stays there, whatever other callers allocate and release, until it is released.',
    strength: 'MUST',
    kind: 'invariant',
  },
  {
    id: 'dma.within-ram',
    service: 'dma',
    sources: [aix('Description'), svr5('Description')],
    paraphrase: 'Every physical byte handed out is RAM of the memory map: never a hole or a reserved range.',
    strength: 'MUST',
    kind: 'invariant',
    ambiguity: {
      question: 'Firmware maps give ranges whose base or length is not a whole number of pages; the documents speak only of memory, while allocators hand out pages.',
      interpretation: 'Only pages lying wholly inside RAM may be used: a range is trimmed inward to page boundaries, and a page shared with a hole or a reserved range is never handed out. Every byte of every request is checked against the byte-exact map.',
      why: 'A page is the smallest unit a device is given; part of a page outside RAM would put the device on memory the map does not offer.',
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
    sources: [aix('Notes'), research('SVR5 / UnixWare DDI: kmem_free_physcontig')],
    paraphrase: 'Released memory becomes free again: once everything is released, the largest request that succeeded at the start succeeds again, and no page leaks on any path.',
    strength: 'MUST',
    kind: 'invariant',
    ambiguity: {
      question: 'Whether memory a release hands to a sleeping KM_SLEEP caller, whose call has not returned yet, counts as free.',
      interpretation: 'Memory handed to a woken sleeper is not free: a release may reserve memory for a waiter it wakes and complete that call later, within the wake-up deadline. Memory is judged lost only when, everything released, a request met on empty memory is still not met once the wake-up deadline has passed with no sleeper waking.',
      why: 'A kernel hands freed memory to the sleeper it wakes and runs it when scheduled; until then the memory belongs to that sleeper, and nothing is lost.',
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
];
