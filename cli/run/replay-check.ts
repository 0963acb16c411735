import { isUnreplayablePath, noSuchCounterexample, replayedNothing } from '../../properties/runner/replay-path';
import type { SuiteReport } from '../../properties/runner/run-suite';
import type { AnyProperty } from '../../properties/types';
import type { RunArgs } from '../args';
import { UsageError } from '../errors';

/** Runs the suite; with --replay, a path that names no counterexample is bad input (exit 2), never a PASS. */
export async function replayChecked(args: RunArgs, properties: ReadonlyArray<AnyProperty>, run: () => Promise<SuiteReport>): Promise<SuiteReport> {
  if (args.replay === undefined) return run();
  const text = `${args.replay.seed}:${args.replay.path}`;
  const name = properties[0]?.name ?? args.properties[0] ?? '?';
  let report: SuiteReport;
  try {
    report = await run();
  } catch (e) {
    if (isUnreplayablePath(e)) throw new UsageError(noSuchCounterexample(name, text));
    throw e;
  }
  if (report.results.some(replayedNothing)) throw new UsageError(noSuchCounterexample(name, text));
  return report;
}
