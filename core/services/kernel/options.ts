/** What the service layer itself is configured with; where memory goes is the core's. */
export interface LayerOptions {
  /** Whether the layer says which heap backs an area (heapOf); without it there is one heap and no claim. */
  readonly heaps?: boolean;
  /** With heaps: whether DMA_CONTIGUOUS requests try real_heap (below 16 MB) first. */
  readonly realHeap?: boolean;
  /** How many d_map_init handles may be live before it answers DMA_FAIL. */
  readonly maxHandles?: number;
}

export const DEFAULT_LAYER_OPTIONS: Required<LayerOptions> = { heaps: false, realHeap: false, maxHandles: 1024 };
