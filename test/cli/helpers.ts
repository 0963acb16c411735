import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildCFixture, type CFixtureVariant } from '../../fixtures/external/c/build';
import type { Io } from '../../cli/io';
import { main } from '../../cli/main';

export const ROOT = join(__dirname, '..', '..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process from the repository root, capturing what it prints. */
export async function cli(argv: ReadonlyArray<string>, options: { tty?: boolean; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: options.tty ?? false,
    cwd: options.cwd ?? ROOT,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Quoted for sh: the paths contain no $, ` or ". */
const quote = (path: string) => JSON.stringify(path);

export function cCommand(variant: CFixtureVariant = 'correct'): string {
  return quote(buildCFixture(variant));
}

export function brokenCommand(script: string): string {
  return `${quote(process.execPath)} ${quote(join(ROOT, 'fixtures', 'external', 'broken', script))}`;
}

/** The JSON report of a run made with --reporter json. */
export function parseReport(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

export interface JsonResult {
  property: string;
  clauses: string[];
  strength: string;
  status: string;
  runs: number;
  durationMs: number;
  seed: number;
  failure?: { clause: string | null; message: string; trace: string[]; counterexample: string; replay: string; replayCommand: string };
}

export interface JsonReport {
  implementation: string;
  seed: number;
  summary: Record<string, number>;
  conforming: boolean;
  results: JsonResult[];
  processStarts?: { processes: number; ms: number } | null;
  gate: { passed: boolean; exitCode: number; regressions: string[]; expected: string[]; nowPasses: string[]; expectations: string | null };
}

export interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** What the run has printed so far. */
  readonly output: { stdout: string; stderr: string };
}

/** Starts the built CLI with DMACONFORM_TEST_READY set to `ready`, and waits until the allocator under it has written that file. */
export async function startUntilReady(args: ReadonlyArray<string>, ready: string): Promise<Started> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'dmaconform.js'), ...args], { cwd: ROOT, env: { ...process.env, DMACONFORM_TEST_READY: ready } });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let waited = 0; !existsSync(ready); waited += 20) {
    if (waited > 60_000) throw new Error(`the run never got under way: ${output.stderr}`);
    if (child.exitCode !== null) throw new Error(`the CLI exited early (${child.exitCode}): ${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, exited, output };
}
