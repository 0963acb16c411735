import fc from 'fast-check';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { Driver, IN_PROCESS_TIMING, type DriverOptions } from '../harness/driver';
import { ExitCalled, crashOf, describeCrash, guardExits, type ExitWatch } from '../harness/exit-guard';
import { ClauseFailure, ImplementationCrash, ImplementationHang, InternalError, PropertyOverrun, describeThrown, isFatal } from '../harness/failures';
import { Trace } from '../harness/trace';
import { findClause } from '../../spec/clauses';
import type { AnyProperty, PropertyStrength } from '../types';
import { failurePicture } from './picture';
import type { FailureReport, PropertyResult, Status } from './result';
import { stringifyCounterexample } from './stringify';

export interface RunOptions {
  readonly seed?: number;
  /** Replaces the property's own run count. */
  readonly numRuns?: number;
  /** Multiplies the property's own run count (the default budget is 1). */
  readonly budget?: number;
  /** Replays one recorded counterexample: fast-check path within the seed. */
  readonly path?: string;
  readonly timing?: DriverOptions;
  /** Stop generating new runs after this long (the runs done still count). */
  readonly timeLimitMs?: number;
  /**
   * The most a property may take, runs and shrinking together: past it the
   * run in progress stops at its next call and the property is a TIMEOUT.
   */
  readonly propertyLimitMs?: number;
}

/** Far beyond what any property takes on a correct allocator, even on a loaded machine. */
export const PROPERTY_LIMIT_MS = 300_000;

export function runsFor(prop: AnyProperty, opts: RunOptions): number {
  if (opts.numRuns !== undefined) return opts.numRuns;
  return Math.max(1, Math.round(prop.runs * (opts.budget ?? 1)));
}

function statusOf(e: unknown): Status {
  if (e instanceof ClauseFailure) return 'FAIL';
  if (e instanceof ImplementationHang || e instanceof PropertyOverrun) return 'TIMEOUT';
  return 'BROKEN';
}

/** Only these come from the allocator; anything else thrown is a fault of the suite's own code. */
function blamesImplementation(e: unknown): boolean {
  return e instanceof ClauseFailure || e instanceof ImplementationHang || e instanceof ImplementationCrash || e instanceof PropertyOverrun;
}

/**
 * The strength at which a result counts: a clause broken counts at that
 * clause's strength whichever property saw it, and an allocator that crashed
 * or stopped answering is never a warning. Only a property that ran out of
 * time, or failed a SHOULD clause, keeps the property's own strength.
 */
function strengthOf(prop: AnyProperty, e: unknown): PropertyStrength {
  if (e instanceof ImplementationCrash || e instanceof ImplementationHang) return 'MUST';
  if (e instanceof ClauseFailure) return findClause(e.clause)?.strength === 'MUST' ? 'MUST' : prop.strength;
  return prop.strength;
}

/**
 * Every run's input also carries the seed handed to the allocator's setup,
 * so a randomised allocator meets a new placement sequence on every run and
 * a replayed path meets the same one again.
 */
export const SETUP_SEED = fc.integer({ min: 0, max: 0x7fffffff });

/** What a caller that runs properties in a thread of its own adds to a property's check (cli/workers/worker.ts). */
export interface PropertyHooks {
  /**
   * The property's watch: every run's watch answers to it, so a crash noted
   * once its run has ended (an exit or an uncaught error in a callback the
   * implementation scheduled) is still this property's.
   */
  readonly watch?: ExitWatch;
  /**
   * After the last run: lets what the implementation scheduled during the
   * property run while the property is still the one to blame. By default
   * two turns of the event loop, which run every timer already due.
   */
  readonly settle?: () => Promise<void>;
  /**
   * Handed, once the property is judged, what its report of a crash noted
   * on the watch from then on would be (a timer it set firing later still).
   */
  readonly later?: (report: () => FailureReport | undefined) => void;
}

/** Two turns of the event loop: the first may end before the timers' phase, the second starts with it. */
export async function settleTurns(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((r) => setImmediate(r));
}

/** A run of the property as its watch remembers it, for the report of a crash noticed after the run had ended. */
interface RunSeen {
  /** Its place among the runs the property made (0-based), shrinking included. */
  readonly index: number;
  readonly trace: Trace;
  readonly input: unknown;
}

/**
 * Checks one property against one implementation with fast-check, and
 * reports PASS, or the shrunk failure with its trace, clause and replay.
 * An implementation that hangs is not shrunk: every retry would hang too.
 * One that crashed outside its calls (process.exit or an uncaught error in
 * something it scheduled) is BROKEN, whatever its runs found.
 */
export async function runProperty(prop: AnyProperty, impl: DmaImplementation, opts: RunOptions = {}): Promise<PropertyResult> {
  return checkProperty(prop, impl, opts);
}

/** runProperty, with what a worker thread adds (see PropertyHooks). */
export async function checkProperty(prop: AnyProperty, impl: DmaImplementation, opts: RunOptions = {}, hooks: PropertyHooks = {}): Promise<PropertyResult> {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const timing = opts.timing ?? IN_PROCESS_TIMING;
  const numRuns = runsFor(prop, opts);
  const base = { property: prop.name, clauses: prop.clauses, strength: prop.strength, seed };
  const missing = prop.families.filter((f) => !impl.families.includes(f));
  if (missing.length > 0) return { ...base, status: 'UNSUPPORTED', runs: 0, durationMs: 0, reason: `no ${missing.join(', ')} services` };

  // Once the allocator hangs, overruns or is gone for good, no later run can be judged: the failing run stands as found.
  let stopped = false;
  // The last failing execution is the shrunk counterexample's: its own trace is kept, never a re-run's,
  // which under a scheduler or a randomised allocator could tell another story.
  let last: { trace: string[]; error: unknown } | undefined;
  const started = Date.now();
  const deadline = started + (opts.propertyLimitMs ?? PROPERTY_LIMIT_MS);
  // One watch for the whole property, above each run's own: a run's crash is also the property's.
  const watch: ExitWatch = hooks.watch ?? {};
  const seen = new WeakMap<ExitWatch, RunSeen>();
  let made = 0;
  let firstFailing = Infinity;
  const check = fc.asyncProperty(prop.arbitrary(), SETUP_SEED, async (input, setupSeed) => {
    const index = made++;
    // After a replayed path fast-check goes on to the values that follow it in the shrink tree; once the replayed
    // input passed they are not the counterexample, so a replay checks that input alone (a failing one still shrinks).
    if (stopped || (opts.path !== undefined && index > 0 && last === undefined)) return;
    const trace = new Trace();
    const d = new Driver(impl, trace, timing, setupSeed);
    d.deadline = deadline;
    d.exits = { parent: watch };
    seen.set(d.exits, { index, trace, input });
    try {
      await prop.run(d, input);
      d.checkExits('the end of the run');
    } catch (e) {
      // Shrinking keeps to inputs that fail the same way: a crash shrinks to a smaller crash, never to
      // whatever else a smaller input happens to trip, so the trace shown is an input that crashed.
      if (last !== undefined && statusOf(e) !== statusOf(last.error)) return;
      if (e instanceof ImplementationHang || e instanceof PropertyOverrun || (e instanceof ImplementationCrash && isFatal(e.cause))) stopped = true;
      firstFailing = Math.min(firstFailing, index);
      last = { trace: trace.toLines(), error: e };
      throw e;
    }
  });
  const release = guardExits();
  let details;
  try {
    details = await fc.check(check, {
      seed,
      numRuns,
      path: opts.path,
      interruptAfterTimeLimit: opts.timeLimitMs,
      markInterruptAsFailure: false,
    });
    // Still guarded: an exit requested by what the runs scheduled is noted, not obeyed.
    await (hooks.settle ?? settleTurns)();
  } finally {
    release();
  }
  const durationMs = Date.now() - started;
  const crash = crashOf(watch);
  const input = details.counterexample?.[0];
  const error = last?.error ?? details.errorInstance;
  /** The first crash the property's watch noted, outside any call: shown with the run whose call scheduled it, when the watch knows it. */
  const crashedOutside = (after: boolean): FailureReport | undefined => {
    const noted = crashOf(watch);
    if (noted === undefined) return undefined;
    const run = watch.origin === undefined ? undefined : seen.get(watch.origin);
    const initial = run !== undefined && run.index < firstFailing;
    // A run made before any failed is replayed by its index; one made while shrinking has no path of its own.
    const path = opts.path ?? (initial ? String(run.index) : (details.counterexamplePath ?? '0'));
    // An exit inside a call the run reported would have made the property BROKEN already: its run was set aside while shrinking.
    const inCall = noted instanceof ExitCalled && noted.inCall;
    const during = run === undefined ? '' : inCall ? ` in a call of run ${run.index + 1}` : `, in a callback it scheduled during run ${run.index + 1}`;
    const where = `${inCall ? '' : ' outside its calls'}${during}${after ? ", after the property's last run" : ''}`;
    const lines = run === undefined ? [] : run.trace.toLines();
    return {
      message: `the allocator crashed${where}: ${describeCrash(noted)}`,
      trace: inCall || run === undefined ? lines : [...lines, `  then, outside any call: ${describeCrash(noted)}`],
      counterexample: run === undefined ? '(none)' : stringifyCounterexample(run.input),
      replay: `${seed}:${path}`,
      runsToFailure: initial ? run.index + 1 : details.numRuns,
      shrinks: 0,
      picture: run === undefined ? undefined : failurePicture(run.input, noted),
    };
  };
  hooks.later?.(() => crashedOutside(true));
  // A run that crashed reports its own crash; a crash no run reported outweighs whatever the runs found (a suite fault it may have caused included).
  if (crash !== undefined && !(details.failed && statusOf(error) === 'BROKEN' && blamesImplementation(error))) {
    return { ...base, strength: 'MUST', status: 'BROKEN', runs: details.numRuns, durationMs, failure: crashedOutside(false) };
  }
  if (!details.failed) return { ...base, status: 'PASS', runs: opts.path === undefined ? details.numRuns : Math.min(1, made), durationMs };

  if (!blamesImplementation(error)) throw new InternalError(prop.name, error);
  const failure: FailureReport = {
    clause: error instanceof ClauseFailure ? error.clause : undefined,
    message: error instanceof Error ? error.message : describeThrown(error),
    trace: last?.trace ?? [],
    counterexample: stringifyCounterexample(input),
    replay: `${seed}:${details.counterexamplePath ?? ''}`,
    runsToFailure: details.numRuns,
    shrinks: details.numShrinks,
    picture: failurePicture(input, error),
  };
  return { ...base, strength: strengthOf(prop, error), status: statusOf(error), runs: details.numRuns, durationMs, failure };
}

