import type { DmaImplementation } from '../../spec/interface/implementation';
import type { PhysSegment } from '../../spec/constraints/types';
import type { RegionAllocation } from '../../properties/harness/region';

/**
 * Watches what an allocator tells the suite about its memory, so that a run
 * that passes can still be drawn: every translate() answer is an allocation
 * the suite looked at. Calls pass through unchanged, sync stays sync.
 */
export class TranslateRecorder {
  /** Allocations seen since the last setup(), in the order first seen. */
  readonly seen: RegionAllocation[] = [];

  wrap(impl: DmaImplementation): DmaImplementation {
    return new Proxy(impl, {
      get: (target, key) => {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'setup') {
          return (...args: unknown[]) => {
            this.seen.length = 0;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (key !== 'translate') return (value as (...a: unknown[]) => unknown).bind(target);
        return (vaddr: bigint, size: bigint) => {
          const got = (value as DmaImplementation['translate']).call(target, vaddr, size);
          if (got instanceof Promise) return got.then((segments) => this.note(vaddr, size, segments));
          return this.note(vaddr, size, got);
        };
      },
    });
  }

  private note(vaddr: bigint, size: bigint, segments: PhysSegment[]): PhysSegment[] {
    if (Array.isArray(segments) && !this.seen.some((a) => a.vaddr === vaddr)) this.seen.push({ vaddr, size, segments: segments.slice() });
    return segments;
  }
}
