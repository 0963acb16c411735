import type { DmaImplementation } from '../../spec/interface/implementation';
import { allProperties } from '../index';
import type { AnyProperty } from '../types';
import { propertySeed } from './property-seed';
import type { PropertyResult, Status } from './result';
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
 * Runs the selected properties one after another. With a factory, each
 * property gets a fresh implementation, disposed afterwards, so one that
 * crashes or hangs cannot spoil the next.
 */
export async function runSuite(source: ImplementationSource, opts: SuiteOptions = {}): Promise<SuiteReport> {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const props = selectByClauses(opts.properties ?? allProperties(), opts.only ?? []);
  const results: PropertyResult[] = [];
  let name = typeof source === 'function' ? 'implementation' : source.name;
  for (const [i, p] of props.entries()) {
    let numRuns = runsFor(p, opts);
    let runSeed = seed;
    if (opts.shard) {
      numRuns = shardRuns(numRuns, opts.shard);
      runSeed = (seed + opts.shard.index - 1) | 0;
      if (numRuns === 0) continue;
    }
    // A replay's seed is already the property's own (it is what the failure printed).
    if (opts.path === undefined) runSeed = propertySeed(runSeed, p.name);
    opts.onStart?.(p, i, props.length);
    const impl = typeof source === 'function' ? await source() : source;
    name = impl.name;
    let r: PropertyResult;
    try {
      r = await runProperty(p, impl, { ...opts, seed: runSeed, numRuns });
    } finally {
      if (typeof source === 'function') await disposeQuietly(impl);
    }
    results.push(r);
    opts.onResult?.(r, i, props.length);
  }
  const summary = summarize(results);
  return { implementation: name, seed, results, summary, conforming: summary.mustFailures === 0 };
}

async function disposeQuietly(impl: DmaImplementation): Promise<void> {
  try {
    await impl.dispose?.();
  } catch {
    // A failing dispose must not hide the property's own result.
  }
}
