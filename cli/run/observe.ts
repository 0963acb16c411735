import type { AnyProperty } from '../../properties';
import type { PropertyResult } from '../../properties/runner/result';
import { summarize, type ImplementationSource, type SuiteReport } from '../../properties/runner/run-suite';
import type { DmaImplementation } from '../../spec/interface/implementation';

type OnStart = (p: AnyProperty, i: number, n: number) => void;
type OnResult = (r: PropertyResult, i: number, n: number) => void;

export interface ObservedRun {
  readonly source: ImplementationSource;
  readonly onStart: OnStart;
  readonly onResult: OnResult;
  /** The property running now, if any. */
  readonly running: () => string | null;
  /** What a report of the run so far says, for a run that is stopped early. */
  readonly partial: (seed: number) => SuiteReport;
}

/**
 * Follows a run as it goes (the implementation's name, the property
 * running, the results so far), so that an interrupted run can still be
 * reported as far as it got.
 */
export function observeRun(source: ImplementationSource, shown: { onStart: OnStart; onResult: OnResult }): ObservedRun {
  let name = typeof source === 'function' ? 'implementation' : source.name;
  let running: string | null = null;
  const results: PropertyResult[] = [];
  const named = (impl: DmaImplementation) => {
    name = impl.name;
    return impl;
  };
  return {
    source: typeof source === 'function' ? async () => named(await source()) : source,
    onStart: (p, i, n) => {
      running = p.name;
      shown.onStart(p, i, n);
    },
    onResult: (r, i, n) => {
      running = null;
      results.push(r);
      shown.onResult(r, i, n);
    },
    running: () => running,
    partial: (seed) => {
      const summary = summarize(results);
      return { implementation: name, seed, results: [...results], summary, conforming: summary.mustFailures === 0 };
    },
  };
}

/** The seed a run uses when none is given; chosen here so that even an interrupted run's report names it. */
export function randomSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

/** Closes the allocator's resources, waiting no longer than `ms` (an interrupted run must still end promptly). */
export async function closeWithin(close: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([close().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
