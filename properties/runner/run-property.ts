import fc from 'fast-check';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { Driver, IN_PROCESS_TIMING, type DriverOptions } from '../harness/driver';
import { ClauseFailure, ImplementationHang, describeThrown } from '../harness/failures';
import { Trace } from '../harness/trace';
import type { AnyProperty } from '../types';
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
}

export function runsFor(prop: AnyProperty, opts: RunOptions): number {
  if (opts.numRuns !== undefined) return opts.numRuns;
  return Math.max(1, Math.round(prop.runs * (opts.budget ?? 1)));
}

function statusOf(e: unknown): Status {
  if (e instanceof ClauseFailure) return 'FAIL';
  if (e instanceof ImplementationHang) return 'TIMEOUT';
  return 'BROKEN';
}

/** Runs the property once more on its shrunk counterexample to record a readable trace. */
async function replay(prop: AnyProperty, impl: DmaImplementation, input: unknown, timing: DriverOptions): Promise<{ trace: string[]; error: unknown }> {
  const trace = new Trace();
  try {
    await prop.run(new Driver(impl, trace, timing), input);
    return { trace: trace.toLines(), error: undefined };
  } catch (e) {
    return { trace: trace.toLines(), error: e };
  }
}

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

  let hung = false;
  const started = Date.now();
  const check = fc.asyncProperty(prop.arbitrary(), async (input) => {
    if (hung) return;
    try {
      await prop.run(new Driver(impl, new Trace(0), timing), input);
    } catch (e) {
      if (e instanceof ImplementationHang) hung = true;
      throw e;
    }
  });
  const details = await fc.check(check, {
    seed,
    numRuns,
    path: opts.path,
    interruptAfterTimeLimit: opts.timeLimitMs,
    markInterruptAsFailure: false,
  });
  const durationMs = Date.now() - started;
  if (!details.failed) return { ...base, status: 'PASS', runs: details.numRuns, durationMs };

  const input = details.counterexample?.[0];
  // A hang would hang again: one timeout per property is what it costs.
  const again = hung ? { trace: [], error: details.errorInstance } : await replay(prop, impl, input, timing);
  const error = again.error ?? details.errorInstance;
  const failure: FailureReport = {
    clause: error instanceof ClauseFailure ? error.clause : undefined,
    message: error instanceof Error ? error.message : describeThrown(error),
    trace: again.trace,
    counterexample: stringifyCounterexample(input),
    replay: `${seed}:${details.counterexamplePath ?? ''}`,
    runsToFailure: details.numRuns,
    shrinks: details.numShrinks,
  };
  return { ...base, status: statusOf(error), runs: details.numRuns, durationMs, failure };
}

