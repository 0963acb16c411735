import { performance } from 'node:perf_hooks';
import type { StartCost } from '../exec';

/** A process-backed engine that can serve property after property while it never failed. */
export interface Restable {
  readonly reusable: boolean;
  dispose(): void;
}

/**
 * Processes that serve one property at a time and rest in between (a core's
 * init or a pool engine's reset starts it afresh): take() hands out a
 * resting one or starts another, release() puts it back unless it failed or
 * missed a deadline, in which case it is ended and the next property gets a
 * new one. Starting and greeting is counted apart from every property.
 */
export function restingProcesses<T extends Restable>(start: () => T) {
  const made = new Set<T>();
  const resting: T[] = [];
  let started = 0;
  let startMs = 0;
  const end = (p: T) => {
    made.delete(p);
    p.dispose();
  };
  const fresh = (): T => {
    const t0 = performance.now();
    const p = start();
    started++;
    startMs += performance.now() - t0;
    made.add(p);
    return p;
  };
  return {
    /** Starts one now, so a command that cannot run is a setup error; throws what start threw. */
    warm: () => void resting.push(fresh()),
    take: (): T => {
      let p = resting.pop();
      while (p !== undefined && !p.reusable) {
        end(p);
        p = resting.pop();
      }
      return p ?? fresh();
    },
    release: (p: T) => {
      if (made.has(p) && p.reusable) resting.push(p);
      else end(p);
    },
    close: async () => {
      resting.length = 0;
      for (const p of [...made]) end(p);
    },
    startCost: (): StartCost => ({ processes: started, ms: startMs }),
  };
}
