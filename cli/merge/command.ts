import { allProperties } from '../../properties';
import { summarize } from '../../properties/runner/run-suite';
import type { MergeArgs } from '../args';
import { EXIT_CONFORMING, EXIT_NOT_CONFORMING } from '../errors';
import { readExpectationsFile, type ExpectationsFile } from '../expectations/file';
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
  const all = allProperties();
  const known = new Set(all.map((p) => p.name));
  const file: ExpectationsFile = args.expectations === undefined ? { expectations: {}, requireFamilies: [] } : readExpectationsFile(io, args.expectations, known, false);
  const merged = mergeReports(args.files.map((f) => readShardReport(io, f)));
  const summary = summarize(merged.results);
  const report = { implementation: merged.implementation, seed: merged.seed, results: merged.results, summary, conforming: summary.mustFailures === 0 };
  const judgement = judge(merged.results, file.expectations, args.strict, [...new Set([...args.requireFamilies, ...file.requireFamilies])]);
  const outcome: RunOutcome = {
    report,
    judgement,
    expectationsFile: args.expectations,
    replayCommand: (r) => merged.replayCommands.get(r.property) ?? `npx dmaconform --property ${r.property} --replay ${r.failure?.replay ?? r.seed}`,
    exitCode: judgement.passed ? EXIT_CONFORMING : EXIT_NOT_CONFORMING,
    // Shards of a run narrowed by --property or --only judge that part of the suite only.
    reportFile: args.out,
    selection: merged.results.length < all.length ? `${merged.results.length} of ${all.length} properties` : undefined,
  };
  const text = REPORTERS[args.reporter](outcome);
  if (args.out !== undefined) writeText(io, '--out', args.out, text);
  else io.stdout(text);
  if (args.out !== undefined || args.reporter !== 'pretty') io.stderr(verdictLines(outcome));
  return outcome.exitCode;
}
