import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildCFixture } from '../fixtures/external/c/build';
import { measureChild } from './child-usage';
import { buildDist } from './startup';

const ROOT = join(__dirname, '..');

export interface GateFigure {
  readonly label: string;
  readonly jobs: number;
  /** Wall time of the whole command, start-up included. */
  readonly seconds: number;
  /** CPU time of the harness process, every thread of it, and of the processes it started (--exec, --core-exec). */
  readonly cpuSeconds: number;
  readonly exitCode: number | null;
}

/** One default gate (every property, budget 1, a fixed seed) as a user runs it. */
function gate(label: string, source: ReadonlyArray<string>, jobs: number): GateFigure {
  const u = measureChild([join(ROOT, 'bin', 'dmaconform.js'), ...source, '--seed', '1', '--jobs', String(jobs), '--reporter', 'json', '--out', '/dev/null'], ROOT);
  return { label, jobs, seconds: u.wallSeconds, cpuSeconds: u.cpuSeconds + u.childCpuSeconds, exitCode: u.exitCode };
}

export const DEFAULT_JOBS = availableParallelism();

/** The gate of the reference, a TypeScript core and the C fixture through --exec, at one job and at the default. */
export function benchJobs(): GateFigure[] {
  buildDist();
  const c = buildCFixture('correct');
  const sources: Array<[string, string[]]> = [
    ['reference', []],
    ['--core first-fit.ts', ['--core', 'fixtures/cores/first-fit.ts']],
    ['--exec C fixture', ['--exec', JSON.stringify(c)]],
  ];
  return sources.flatMap(([label, source]) => [gate(label, source, 1), gate(label, source, DEFAULT_JOBS)]);
}
