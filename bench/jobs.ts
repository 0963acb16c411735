import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildCFixture } from '../fixtures/external/c/build';
import { measureChild } from './child-usage';
import { buildDist } from './startup';

const ROOT = join(__dirname, '..');

export interface GateFigure {
  readonly label: string;
  readonly jobs: number;
  /** The run budget: 1 is the default gate; 2 doubles every property's runs and nothing else. */
  readonly budget: number;
  /** Wall time of the whole command, start-up included. */
  readonly seconds: number;
  /** CPU time of the harness process, every thread of it, and of the processes it started (--exec, --core-exec). */
  readonly cpuSeconds: number;
  readonly exitCode: number | null;
}

/** One gate (every property, a fixed seed) as a user runs it; budget 1 is the default. */
function gate(label: string, source: ReadonlyArray<string>, jobs: number, budget = 1): GateFigure {
  const u = measureChild([join(ROOT, 'bin', 'dmaconform.js'), ...source, '--seed', '1', '--jobs', String(jobs), '--budget', String(budget), '--reporter', 'json', '--out', '/dev/null'], ROOT);
  return { label, jobs, budget, seconds: u.wallSeconds, cpuSeconds: u.cpuSeconds + u.childCpuSeconds, exitCode: u.exitCode };
}

export const DEFAULT_JOBS = availableParallelism();

/**
 * The gate of the reference, a TypeScript core and the C fixture through
 * --exec, at one job and at the default; and at one job with twice the runs,
 * which tells the runs' own time from what every job pays however few runs
 * it makes (start-up, and V8 compiling the suite afresh in each thread).
 */
export function benchJobs(): GateFigure[] {
  buildDist();
  const c = buildCFixture('correct');
  const sources: Array<[string, string[]]> = [
    ['reference', []],
    ['--core first-fit.ts', ['--core', 'fixtures/cores/first-fit.ts']],
    ['--exec C fixture', ['--exec', JSON.stringify(c)]],
  ];
  const configs = sources.flatMap(([label, source]) => [[label, source, 1, 1], [label, source, DEFAULT_JOBS, 1], [label, source, 1, 2]] as const);
  // Each twice, in turn, keeping the faster: a neighbour's burst on a shared machine then spoils at most one of them.
  // A gate that failed is kept, so the aims report it.
  const kept = (a: GateFigure, b: GateFigure) => (a.exitCode !== 0 ? a : b.exitCode !== 0 ? b : a.seconds <= b.seconds ? a : b);
  const first = configs.map(([label, source, jobs, budget]) => gate(label, source, jobs, budget));
  const second = configs.map(([label, source, jobs, budget]) => gate(label, source, jobs, budget));
  return first.map((f, i) => kept(f, second[i]!));
}
