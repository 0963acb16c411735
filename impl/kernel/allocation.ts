import type { FrameExtent } from '../frames/extent';

/** Which service made an allocation: decides which release service may undo it. */
export type AllocatingService = 'd_alloc_dmamem' | 'kmem_alloc_physcontig' | 'kmem_alloc_physreq' | 'kmem_zalloc_physreq' | 'kmem_alloc_phys';

export interface Allocation {
  readonly vaddr: bigint;
  readonly size: bigint;
  /** Virtual pages mapped (the size rounded up to pages). */
  readonly pages: number;
  /** Physical frame runs backing the virtual pages, in virtual order. */
  readonly runs: ReadonlyArray<FrameExtent>;
  readonly service: AllocatingService;
  /** The AIX handle it was made on. */
  readonly handle?: number;
  readonly heap?: 'real_heap' | 'pinned_heap';
}
