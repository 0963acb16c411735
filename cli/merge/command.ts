import { allProperties } from '../../properties';
import { summarize } from '../../properties/runner/run-suite';
import type { MergeArgs } from '../args';
import { EXIT_CONFORMING, EXIT_NOT_CONFORMING } from '../errors';
import { loadExpectations, type Expectations } from '../expectations/file';
import { judge } from '../expectations/judge';
import { writeText, type Io } from '../io';
import { REPORTERS, verdictLines, type RunOutcome } from '../report';
import { checkWritable } from '../writable';
import { mergeReports } from './combine';
import { readShardReport } from './read';

/**
 * `dmaconform merge a.json b.json …`: the JSON reports of the shards of one
 * run (`--shard K/N`, the same --seed) as one report and one verdict, judged
 * as a single run would be, expectations included.
 */
export function mergeCommand(args: MergeArgs, io: Io): number {
  if (args.out !== undefined) checkWritable(io, '--out', args.out);
  const known = new Set(allProperties().map((p) => p.name));
  const expectations: Expectations = args.expectations === undefined ? {} : loadExpectations(io, args.expectations, known, false);
  const merged = mergeReports(args.files.map((f) => readShardReport(io, f)));
  const summary = summarize(merged.results);
  const report = { implementation: merged.implementation, seed: merged.seed, results: merged.results, summary, conforming: summary.mustFailures === 0 };
  const judgement = judge(merged.results, expectations, args.strict);
  const outcome: RunOutcome = {
    report,
    judgement,
    expectationsFile: args.expectations,
    replayCommand: (r) => merged.replayCommands.get(r.property) ?? `npx dmaconform --property ${r.property} --replay ${r.failure?.replay ?? r.seed}`,
    exitCode: judgement.passed ? EXIT_CONFORMING : EXIT_NOT_CONFORMING,
  };
  const text = REPORTERS[args.reporter](outcome);
  if (args.out !== undefined) writeText(io, '--out', args.out, text);
  else io.stdout(text);
  if (args.out !== undefined || args.reporter !== 'pretty') io.stderr(verdictLines(outcome));
  return outcome.exitCode;
}
