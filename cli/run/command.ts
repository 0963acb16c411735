import { availableParallelism } from 'node:os';
import { allProperties } from '../../properties';
import { runSuite, type ImplementationSource, type SuiteReport } from '../../properties/runner/run-suite';
import type { RunArgs } from '../args';
import { EXIT_CONFORMING, EXIT_NOT_CONFORMING, UsageError } from '../errors';
import { readExpectationsFile, writeExpectations, type ExpectationsFile } from '../expectations/file';
import { judge, updatedExpectations } from '../expectations/judge';
import { resolvePath, writeText, type Io } from '../io';
import { checkWritable } from '../writable';
import { REPORTERS, verdictLines, type RunOutcome } from '../report';
import { progress } from '../report/progress';
import { replayCommandFor } from '../report/replay-command';
import type { StartCost } from '../exec';
import { openSource } from '../source';
import { disposeQuietly } from '../source/per-property';
import { compileReachable, compiledTypeScript, recordCompiledTypeScript } from '../workers/compiled';
import { runInWorkers } from '../workers/pool';
import { requiredFamilies, selectionOf, selectProperties } from './selection';
import { replayChecked } from './replay-check';
import { SIGNAL_EXIT, watchSignals, type Interruption } from './interrupt';
import { closeWithin, observeRun, randomSeed } from './observe';

function annotated(report: SuiteReport, note: (clauses: ReadonlyArray<string>) => string | undefined): SuiteReport {
  const results = report.results.map((r) => {
    const text = r.status === 'PASS' ? note(r.clauses) : undefined;
    return text === undefined ? r : { ...r, reason: text };
  });
  return { ...report, results };
}

/** Runs the suite as the arguments say, reports, and returns the exit status. */
export async function runCommand(args: RunArgs, io: Io): Promise<number> {
  const all = allProperties();
  const properties = selectProperties(all, args.properties, args.only);
  if (args.replay !== undefined && properties.length !== 1) {
    throw new UsageError(`--replay: --property '${args.properties[0]}' matches ${properties.length} properties; name exactly one`);
  }
  if (args.out !== undefined) checkWritable(io, '--out', args.out);
  if (args.updateExpectations && args.expectations !== undefined) checkWritable(io, '--expectations', args.expectations);
  const known = new Set(all.map((p) => p.name));
  const file: ExpectationsFile = args.expectations === undefined ? { expectations: {}, requireFamilies: [] } : readExpectationsFile(io, args.expectations, known, args.updateExpectations);
  let expectations = file.expectations;
  const requireFamilies = requiredFamilies(properties, args.requireFamilies, file.requireFamilies);

  recordCompiledTypeScript();
  const opened = await openSource(io, args.source, args.timeoutMs);
  const seed = args.replay?.seed ?? args.seed ?? randomSeed();
  const shown = progress(io);
  const seen = observeRun(opened.source, shown);
  const signals = io.handleSignals ? watchSignals() : null;
  const timing = args.wakeDeadlineMs === undefined ? opened.timing : { ...opened.timing, wakeMs: args.wakeDeadlineMs };
  const jobs = args.jobs ?? availableParallelism();
  const suiteOptions = {
    properties,
    seed,
    numRuns: args.runs,
    budget: args.budget,
    path: args.replay?.path,
    timing,
    shard: args.shard,
    onStart: seen.onStart,
    onResult: seen.onResult,
    jobs,
  };
  // --exec talks to processes: N of them run side by side from this thread. Everything else runs its
  // allocator in worker threads, so that a call that never returns cannot stop this thread's clock or signals.
  const inWorkers = args.source.kind !== 'exec';
  // Once the run is stopped, a process still being started (another job's) is ended as soon as it exists.
  let stopped = false;
  const fresh = seen.source;
  const source: ImplementationSource =
    typeof fresh !== 'function'
      ? fresh
      : async () => {
          const impl = await fresh();
          if (stopped) {
            await disposeQuietly(impl);
            throw new Error('the run was stopped');
          }
          return impl;
        };
  const name = !inWorkers ? '' : typeof seen.source === 'function' ? (await seen.source()).name : seen.source.name;
  if (args.source.kind === 'impl' || args.source.kind === 'core') compileReachable(resolvePath(io, args.source.path));
  if ('pools' in args.source && args.source.pools?.kind === 'module') compileReachable(resolvePath(io, args.source.pools.path));
  const pool = inWorkers ? runInWorkers({ ...suiteOptions, name, setup: { spec: args.source, cwd: io.cwd, timing, timeoutMs: args.timeoutMs, compiled: compiledTypeScript() } }) : null;
  let report: SuiteReport;
  let interruption: Interruption | undefined;
  try {
    const suite = replayChecked(args, properties, () => pool?.report ?? runSuite(source, suiteOptions));
    const ended = await Promise.race([suite.then((r) => ({ report: r })), signals?.received.then((signal) => ({ signal })) ?? new Promise<never>(() => undefined)]);
    if ('report' in ended) report = ended.report;
    else {
      // The run is abandoned where it stands; the process exits once the report is out.
      suite.catch(() => undefined);
      interruption = { signal: ended.signal, property: seen.running() };
      report = seen.partial(seed);
    }
  } finally {
    stopped = true;
    shown.done();
    await closeWithin(async () => void (await Promise.all([pool?.stop(), opened.close()])), 300);
    signals?.stop();
  }
  if (opened.note !== undefined) report = annotated(report, opened.note);

  let written: number | undefined;
  // A run cut short has not checked everything: it must not rewrite the expectations.
  if (args.updateExpectations && args.expectations !== undefined && interruption === undefined) {
    expectations = updatedExpectations(report.results, expectations);
    writeExpectations(io, args.expectations, expectations, file.requireFamilies);
    written = Object.keys(expectations).length;
  }
  const judgement = judge(report.results, expectations, args.strict, requireFamilies);
  const outcome: RunOutcome = {
    report,
    judgement,
    expectationsFile: args.expectations,
    expectationsWritten: written,
    replayCommand: replayCommandFor(args),
    exitCode: interruption !== undefined ? SIGNAL_EXIT[interruption.signal] : judgement.passed ? EXIT_CONFORMING : EXIT_NOT_CONFORMING,
    interrupted: interruption,
    shard: args.shard,
    selection: selectionOf(args, properties.length, all.length),
    verbose: args.verbose,
    reportFile: args.out,
    processStarts: startsOf(opened.startCost?.(), pool?.startCost()),
  };
  const text = REPORTERS[args.reporter](outcome);
  if (args.out !== undefined) writeText(io, '--out', args.out, text);
  else io.stdout(text);
  if (args.out !== undefined || args.reporter !== 'pretty') io.stderr(verdictLines(outcome));
  return outcome.exitCode;
}

/** The main thread's processes and the workers' together; none for a source that starts no processes. */
function startsOf(main: StartCost | undefined, workers: StartCost | undefined): StartCost | undefined {
  if (main === undefined) return undefined;
  return workers === undefined ? main : { processes: main.processes + workers.processes, ms: main.ms + workers.ms };
}
