import type { DriverOptions } from '../../properties/harness/driver';
import type { FailureReport, PropertyResult } from '../../properties/runner/result';
import type { SourceSpec } from '../args';
import type { StartCost } from '../exec';

/** What a worker is started with: where the allocator comes from, and the memory it reports calls through. */
export interface WorkerSetup {
  readonly spec: SourceSpec;
  readonly cwd: string;
  readonly timing: DriverOptions;
  /** --timeout as given (--core-exec gives the core process this long to answer). */
  readonly timeoutMs: number | undefined;
  readonly slot: SharedArrayBuffer;
  /** The JavaScript the main thread compiled the user's TypeScript to, by file. */
  readonly compiled: Readonly<Record<string, string>>;
}

/** One property to check, found in the worker by name. */
export interface Task {
  readonly type: 'check';
  readonly k: number;
  readonly property: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly path?: string;
}

/**
 * Once the last property is checked: the worker lets what the implementation
 * still has scheduled run, for at most `ms`, and answers `drained` (after
 * any `late` it found).
 */
export interface Drain {
  readonly type: 'drain';
  readonly ms: number;
}

export type ToWorker = Task | Drain;

export type FromWorker =
  /** Property k taken up (its task received). */
  | { readonly type: 'begun'; readonly k: number }
  /** A call id the slot will carry from now on, and the service it stands for. */
  | { readonly type: 'name'; readonly id: number; readonly name: string }
  /** The process groups of --core-exec cores alive in the worker, for the main thread to end if it stops the worker. */
  | { readonly type: 'groups'; readonly pids: ReadonlyArray<number> }
  /** `starts`: processes the worker started since its last result, and the time that took. */
  | { readonly type: 'result'; readonly k: number; readonly implementation: string; readonly result: PropertyResult; readonly starts?: StartCost }
  | { readonly type: 'error'; readonly k: number; readonly error: ThrownInWorker }
  /** The implementation crashed outside its calls after property k's result was sent (a timer it set during k fired later): k is BROKEN after all. */
  | { readonly type: 'late'; readonly k: number; readonly failure: FailureReport }
  | { readonly type: 'drained' };

/** An error that crossed from the worker: enough to tell a bad replay path from a fault of the suite. */
export interface ThrownInWorker {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}
