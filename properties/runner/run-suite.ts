import type { DmaImplementation } from '../../spec/interface/implementation';
import { allProperties } from '../index';
import type { AnyProperty } from '../types';
import { propertySeed } from './property-seed';
import type { PropertyResult, Status } from './result';
import { inReportOrder, type PlannedProperty } from './report-order';
import { runProperty, runsFor, type RunOptions } from './run-property';
import { selectByClauses, shardRuns, type Shard } from './select';

/** A ready implementation, or a factory called afresh for every property (a new subprocess each time, say). */
export type ImplementationSource = DmaImplementation | (() => DmaImplementation | Promise<DmaImplementation>);

export interface SuiteOptions extends RunOptions {
  readonly properties?: ReadonlyArray<AnyProperty>;
  /** Clause ids or globs: only properties checking a matching clause run. */
  readonly only?: ReadonlyArray<string>;
  readonly shard?: Shard;
  readonly onStart?: (p: AnyProperty, index: number, total: number) => void;
  readonly onResult?: (r: PropertyResult, index: number, total: number) => void;
  /** How many properties may run at once with a factory source (default 1). */
  readonly jobs?: number;
}

export type Summary = Record<Status, number> & { readonly total: number; readonly mustFailures: number; readonly shouldFailures: number };

export interface SuiteReport {
  readonly implementation: string;
  readonly seed: number;
  readonly results: ReadonlyArray<PropertyResult>;
  readonly summary: Summary;
  /** No MUST property failed, timed out or broke. */
  readonly conforming: boolean;
}

export function summarize(results: ReadonlyArray<PropertyResult>): Summary {
  const counts: Record<Status, number> = { PASS: 0, FAIL: 0, UNSUPPORTED: 0, TIMEOUT: 0, BROKEN: 0 };
  for (const r of results) counts[r.status]++;
  const bad = (r: PropertyResult) => r.status === 'FAIL' || r.status === 'TIMEOUT' || r.status === 'BROKEN';
  return {
    ...counts,
    total: results.length,
    mustFailures: results.filter((r) => bad(r) && r.strength === 'MUST').length,
    shouldFailures: results.filter((r) => bad(r) && r.strength === 'SHOULD').length,
  };
}

/**
 * The properties a suite runs, each with the seed and run count it gets:
 * derived from the run's seed and the property's name alone, so a property
 * draws the same inputs whichever job runs it and in whatever order.
 */
export function planSuite(seed: number, opts: SuiteOptions = {}): { plan: PlannedProperty[]; total: number } {
  const props = selectByClauses(opts.properties ?? allProperties(), opts.only ?? []);
  const plan: PlannedProperty[] = [];
  for (const [index, property] of props.entries()) {
    let numRuns = runsFor(property, opts);
    let runSeed = seed;
    if (opts.shard) {
      numRuns = shardRuns(numRuns, opts.shard);
      runSeed = (seed + opts.shard.index - 1) | 0;
      if (numRuns === 0) continue;
    }
    // A replay's seed is already the property's own (it is what the failure printed).
    if (opts.path === undefined) runSeed = propertySeed(runSeed, property.name);
    plan.push({ property, index, seed: runSeed, numRuns });
  }
  return { plan, total: props.length };
}

export function suiteReport(implementation: string, seed: number, results: ReadonlyArray<PropertyResult>): SuiteReport {
  const summary = summarize(results);
  return { implementation, seed, results: [...results], summary, conforming: summary.mustFailures === 0 };
}

/**
 * Runs the selected properties, reporting them in selection order. With a
 * factory, each property gets a fresh implementation, disposed afterwards,
 * so one that crashes or hangs cannot spoil the next, and `jobs` properties
 * may run at once (each against its own instance: a subprocess, say). One
 * shared object runs one property at a time.
 */
export async function runSuite(source: ImplementationSource, opts: SuiteOptions = {}): Promise<SuiteReport> {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const { plan, total } = planSuite(seed, opts);
  const order = inReportOrder(plan, total, opts.onStart, opts.onResult);
  let name = typeof source === 'function' ? 'implementation' : source.name;
  const runOne = async (k: number) => {
    const { property, seed: runSeed, numRuns } = plan[k]!;
    order.started(k);
    const impl = typeof source === 'function' ? await source() : source;
    name = impl.name;
    let r: PropertyResult;
    try {
      r = await runProperty(property, impl, { ...opts, seed: runSeed, numRuns });
    } finally {
      if (typeof source === 'function') await disposeQuietly(impl);
    }
    order.finished(k, r);
  };
  const jobs = typeof source === 'function' ? Math.max(1, Math.floor(opts.jobs ?? 1)) : 1;
  let next = 0;
  const lane = async () => {
    try {
      while (next < plan.length) await runOne(next++);
    } catch (e) {
      // A fault of the suite ends the run: no further property starts.
      next = plan.length;
      throw e;
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, plan.length) }, lane));
  return suiteReport(name, seed, order.results());
}

async function disposeQuietly(impl: DmaImplementation): Promise<void> {
  try {
    await impl.dispose?.();
  } catch {
    // A failing dispose must not hide the property's own result.
  }
}
