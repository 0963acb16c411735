/** Knobs of the reference kernel that the documents leave to "system configuration". */
export interface ReferenceOptions {
  /**
   * Fraction (0..1) of RAM frames the rest of the simulated system holds at
   * boot, taken at random from the seeded free list: contiguous memory is
   * then scarce, as the SVR5 page warns happens after running under load.
   */
  readonly loadFraction?: number;
  /** Back non-contiguous requests with frames taken at random (the randomised free list) instead of lowest first. */
  readonly randomizeFreeList?: boolean;
  /** Whether DMA_CONTIGUOUS requests try real_heap (below 16 MB) before pinned_heap. */
  readonly aixRealHeap?: boolean;
  /** How many d_map_init handles may be live before it answers DMA_FAIL. */
  readonly maxHandles?: number;
}

export const DEFAULT_OPTIONS: Required<ReferenceOptions> = {
  loadFraction: 0,
  randomizeFreeList: false,
  aixRealHeap: true,
  maxHandles: 1024,
};
