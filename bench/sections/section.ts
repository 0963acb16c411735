/** One aim a benchmark section checks, with the figure it measured. */
export interface AimResult {
  readonly aim: string;
  readonly met: boolean;
  readonly figure: string;
}

/**
 * A part of `npm run bench`: it prints its own table and may report aims,
 * which the entry point lists together at the end.
 */
export interface BenchSection {
  readonly title: string;
  readonly run: () => Promise<ReadonlyArray<AimResult> | void>;
}
