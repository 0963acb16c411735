import type { PhysSegment } from '../../../spec/constraints/types';
import type { PieceList } from './pieces';

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
  /** The core's answer: physical runs backing [vaddr, vaddr + size), in virtual order, pieces that follow each other physically merged. */
  readonly segments: ReadonlyArray<PhysSegment>;
  /** The core's pieces exactly as given, for freeing one by one; absent when they are the segments. */
  readonly pieces?: PieceList;
  readonly service: AllocatingService;
  /** The AIX handle it was made on, or the Linux device. */
  readonly handle?: number;
  readonly heap?: 'real_heap' | 'pinned_heap';
}
