import fc from 'fast-check';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { Driver, IN_PROCESS_TIMING, type DriverOptions } from '../harness/driver';
import { guardExits } from '../harness/exit-guard';
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

/**
 * Checks one property against one implementation with fast-check, and
 * reports PASS, or the shrunk failure with its trace, clause and replay.
 * An implementation that hangs is not shrunk: every retry would hang too.
 */
export async function runProperty(prop: AnyProperty, impl: DmaImplementation, opts: RunOptions = {}): Promise<PropertyResult> {
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
  const check = fc.asyncProperty(prop.arbitrary(), SETUP_SEED, async (input, setupSeed) => {
    if (stopped) return;
    const trace = new Trace();
    const d = new Driver(impl, trace, timing, setupSeed);
    d.deadline = deadline;
    try {
      await prop.run(d, input);
      d.checkExits('the end of the run');
    } catch (e) {
      // Shrinking keeps to inputs that fail the same way: a crash shrinks to a smaller crash, never to
      // whatever else a smaller input happens to trip, so the trace shown is an input that crashed.
      if (last !== undefined && statusOf(e) !== statusOf(last.error)) return;
      if (e instanceof ImplementationHang || e instanceof PropertyOverrun || (e instanceof ImplementationCrash && isFatal(e.cause))) stopped = true;
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
  } finally {
    release();
  }
  const durationMs = Date.now() - started;
  if (!details.failed) return { ...base, status: 'PASS', runs: details.numRuns, durationMs };

  const input = details.counterexample?.[0];
  const error = last?.error ?? details.errorInstance;
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

