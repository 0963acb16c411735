import type { PropertyResult } from '../../properties/runner/result';
import type { SuiteReport } from '../../properties/runner/run-suite';
import type { Shard } from '../../properties/runner/select';
import type { Judgement } from '../expectations/judge';
import type { Interruption } from '../run/interrupt';

/** Everything a reporter needs: the suite's report, how it was judged, and how to replay a failure. */
export interface RunOutcome {
  readonly report: SuiteReport;
  readonly judgement: Judgement;
  /** The --expectations file, when one was used. */
  readonly expectationsFile?: string;
  /** Set when --update-expectations rewrote the file. */
  readonly expectationsWritten?: number;
  readonly replayCommand: (r: PropertyResult) => string;
  readonly exitCode: number;
  /** The share of the runs this report covers (--shard), so that `dmaconform merge` can check every shard is there. */
  readonly shard?: Shard;
  /** Set when a signal ended the run early: the report covers the properties that finished. */
  readonly interrupted?: Interruption;
  /**
   * Set when the run checked part of the suite (--property, --only, a
   * replay): how it was chosen, so the verdict speaks of that part only.
   */
  readonly selection?: string;
  /** The file the report went to (--out, or the HTML reporter's default), said on stderr. */
  readonly reportFile?: string;
  /** --verbose: the pretty report lists the clauses each passing property covered. */
  readonly verbose?: boolean;
  /** --exec, --core-exec: how many processes were started and what starting them took, outside every property's TIME. */
  readonly processStarts?: { readonly processes: number; readonly ms: number };
}
