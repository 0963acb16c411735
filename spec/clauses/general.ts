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
    sources: [aix('Notes'), research('SVR5 / UnixWare DDI: kmem_free_physcontig')],
    paraphrase: 'Released memory becomes free again: once everything is released, the largest request that succeeded at the start succeeds again, and no page leaks on any path.',
    strength: 'MUST',
    kind: 'invariant',
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
