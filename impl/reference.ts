import type { PlacementCore } from '../core/contract';
import { ServiceLayer } from '../core/services/layer';
import type { SetupConfig } from '../spec/interface/implementation';
import { ReferenceEngine } from './engine/reference-engine';
import type { FrameAllocator } from './frames/frame-allocator';
import { DEFAULT_OPTIONS, type ReferenceOptions } from './kernel/options';

/**
 * The reference allocator: the service layer every placement core runs
 * behind (core/services), over the reference's placement engine (the frame
 * allocator as a placement core). Each setup boots a fresh kernel and engine.
 */
export class ReferenceKernel extends ServiceLayer {
  readonly name: string = 'reference';
  declare heapOf: (vaddr: bigint) => 'real_heap' | 'pinned_heap' | null;

  constructor(readonly options: ReferenceOptions = {}) {
    // The reference always says which heap backs an area, with real_heap tried first unless switched off.
    super({ heaps: true, realHeap: options.aixRealHeap ?? DEFAULT_OPTIONS.aixRealHeap, maxHandles: options.maxHandles ?? DEFAULT_OPTIONS.maxHandles });
  }

  protected createEngine(config: SetupConfig): PlacementCore {
    return this.createReferenceEngine(config);
  }

  /** The reference placement engine for one setup; a variant may return a subclass. */
  protected createReferenceEngine(config: SetupConfig): ReferenceEngine {
    return new ReferenceEngine(this.options, config.seed ?? 0);
  }

  /** The booted placement engine, for tests and benchmarks that look inside. */
  get engine(): ReferenceEngine {
    return this.kernel.engine as ReferenceEngine;
  }

  /** The engine's free frames, for tests and benchmarks that look inside. */
  get frames(): FrameAllocator {
    return this.engine.frames;
  }
}

export function createReference(options: ReferenceOptions = {}): ReferenceKernel {
  return new ReferenceKernel(options);
}
