import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, startUntilReady } from './helpers';

let dir = '';
let ready = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dmaconform-signal-'));
  ready = join(dir, 'ready');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ended {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From the signal to the process's exit. */
  readonly afterSignalMs: number;
}

/** Starts the CLI, waits until the allocator says the run is under way, sends the signal, and waits for the end. */
async function interrupt(args: string[], signal: NodeJS.Signals): Promise<Ended> {
  const { child, exited, output } = await startUntilReady(args, ready);
  await sleep(100);
  const sent = Date.now();
  child.kill(signal);
  const code = await exited;
  return { code, ...output, afterSignalMs: Date.now() - sent };
}

/** Whether a process is gone (a zombie waiting to be reaped counts as gone). */
function gone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

// A long run: without the signal it would take minutes. The bound below only shows the run did not go on to its end.
const LONG = ['--budget', '200', '--seed', '1'];

describe('SIGINT and SIGTERM end a run with a report marked interrupted', () => {
  it('SIGINT during an in-process run: exit 130, JSON report of the properties that finished', async () => {
    const r = await interrupt(['--impl', 'test/cli/fixtures/ready-reference.js', ...LONG, '--reporter', 'json'], 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(10_000);
    const report = JSON.parse(r.stdout);
    expect(report.interrupted).toEqual({ signal: 'SIGINT', property: expect.any(String) });
    expect(report.gate.exitCode).toBe(130);
    expect(report.results.length).toBe(report.summary.total);
    expect(r.stderr).toMatch(/INTERRUPTED by SIGINT during \S+/);
  });

  it('SIGTERM: exit 143, the pretty report says so, and JUnit marks the property cut short', async () => {
    const pretty = await interrupt(['--impl', 'test/cli/fixtures/ready-reference.js', ...LONG], 'SIGTERM');
    expect(pretty.code).toBe(143);
    expect(pretty.stdout).toMatch(/\nINTERRUPTED by SIGTERM during \S+: no verdict/);
    rmSync(ready);
    const junit = await interrupt(['--impl', 'test/cli/fixtures/ready-reference.js', ...LONG, '--reporter', 'junit'], 'SIGTERM');
    expect(junit.code).toBe(143);
    expect(junit.stdout).toMatch(/<property name="interrupted" value="SIGTERM"\/>/);
    expect(junit.stdout).toMatch(/<error message="interrupted by SIGTERM before it finished" type="INTERRUPTED"\/>/);
  });

  it('an interrupted run does not rewrite the expectations file', async () => {
    const file = join(dir, 'expected.json');
    const r = await interrupt(['--impl', 'test/cli/fixtures/ready-reference.js', ...LONG, '--expectations', file, '--update-expectations'], 'SIGINT');
    expect(r.code).toBe(130);
    expect(existsSync(file)).toBe(false);
  });

  it('--exec: the implementation process is killed with the run', async () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'test', 'cli', 'fixtures', 'hang-when-asked.js'))}`;
    const r = await interrupt(['--exec', command, ...LONG, '--timeout', '60000', '--reporter', 'json'], 'SIGINT');
    expect(r.code).toBe(130);
    expect(JSON.parse(r.stdout).interrupted.signal).toBe('SIGINT');
    const pids = readFileSync(ready, 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBeGreaterThan(0);
    for (let i = 0; i < 50 && !pids.every(gone); i++) await sleep(20);
    expect(pids.filter((p) => !gone(p))).toEqual([]);
  });
});
