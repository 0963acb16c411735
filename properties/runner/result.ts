import type { PropertyStrength } from '../types';
import type { FailurePicture } from './picture';

export type { FailurePicture } from './picture';

export type Status = 'PASS' | 'FAIL' | 'UNSUPPORTED' | 'TIMEOUT' | 'BROKEN';

export interface FailureReport {
  /** The clause broken; absent when the implementation crashed or hung instead. */
  readonly clause?: string;
  readonly message: string;
  /** The shrunk counterexample's calls, one per line. */
  readonly trace: ReadonlyArray<string>;
  readonly counterexample: string;
  /** `seed:path`, for --replay. */
  readonly replay: string;
  /** Runs made before the first failure (1-based). */
  readonly runsToFailure: number;
  readonly shrinks: number;
  /** The memory map and the allocations involved, for reports that draw the failure. */
  readonly picture?: FailurePicture;
}

export interface PropertyResult {
  readonly property: string;
  readonly clauses: ReadonlyArray<string>;
  readonly strength: PropertyStrength;
  readonly status: Status;
  readonly runs: number;
  readonly seed: number;
  readonly durationMs: number;
  readonly failure?: FailureReport;
  /** Why the property did not run (UNSUPPORTED). */
  readonly reason?: string;
}
