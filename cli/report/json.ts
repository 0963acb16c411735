import { hex } from '../../spec/address/u64';
import type { RunOutcome } from './outcome';

/**
 * The JSON report (docs/cli.md documents the shape). The suite's own fields
 * come first, as runSuite reports them; `gate` says how the exit status was
 * reached. A failure's clause is null, never absent, when the allocator
 * crashed or hung rather than broke a clause.
 */
export function jsonReport(o: RunOutcome): string {
  const { report, judgement } = o;
  const doc = {
    implementation: report.implementation,
    seed: report.seed,
    summary: report.summary,
    conforming: report.conforming,
    // Set when a signal ended the run: the results are the properties that finished.
    interrupted: o.interrupted ?? null,
    shard: o.shard === undefined ? null : { index: o.shard.index, count: o.shard.count },
    processStarts: o.processStarts === undefined ? null : { processes: o.processStarts.processes, ms: Math.round(o.processStarts.ms) },
    results: report.results.map((r, i) => ({
      property: r.property,
      clauses: r.clauses,
      strength: r.strength,
      status: r.status,
      disposition: judgement.dispositions[i],
      runs: r.runs,
      durationMs: r.durationMs,
      seed: r.seed,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
      ...(r.failure === undefined
        ? {}
        : {
            failure: {
              clause: r.failure.clause ?? null,
              message: r.failure.message,
              trace: r.failure.trace,
              counterexample: r.failure.counterexample,
              replay: r.failure.replay,
              replayCommand: o.replayCommand(r),
              runsToFailure: r.failure.runsToFailure,
              shrinks: r.failure.shrinks,
              ...(r.failure.picture === undefined ? {} : { picture: r.failure.picture }),
            },
          }),
    })),
    gate: {
      passed: judgement.passed,
      exitCode: o.exitCode,
      regressions: judgement.regressions,
      expected: judgement.expected,
      nowPasses: judgement.nowPasses,
      // Families no property could judge (the implementation does not serve them), and the required ones among them.
      unjudgedFamilies: judgement.unjudged,
      missingRequiredFamilies: judgement.missingRequired,
      expectations: o.expectationsFile ?? null,
    },
  };
  // Addresses are exact: any bigint that reaches a report is written as a 0x string.
  return `${JSON.stringify(doc, (_, v: unknown) => (typeof v === 'bigint' ? hex(v) : v), 2)}\n`;
}
