import type { PhysSegment } from '../../../spec/constraints/types';

/** Which service made an allocation: decides which release service may undo it. */
export type AllocatingService =
  | 'd_alloc_dmamem'
  | 'kmem_alloc_physcontig'
  | 'kmem_alloc_physreq'
  | 'kmem_zalloc_physreq'
  | 'kmem_alloc_phys'
  | 'dma_alloc_coherent'
  /** Coherent memory a dma_pool obtained to carve blocks from. */
  | 'dma_pool_create';

export interface Allocation {
  readonly vaddr: bigint;
  readonly size: bigint;
  /** Virtual pages reserved (the size rounded up to pages). */
  readonly pages: number;
  /** The core's answer: physical pieces backing [vaddr, vaddr + size), in virtual order, exactly as given. */
  readonly segments: ReadonlyArray<PhysSegment>;
  readonly service: AllocatingService;
  /** The AIX handle it was made on, or the Linux device. */
  readonly handle?: number;
  readonly heap?: 'real_heap' | 'pinned_heap';
}
