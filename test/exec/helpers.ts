import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DdiVersion } from '../../spec/constants/context';
import type { SetupConfig } from '../../spec/interface/implementation';
import { isContractViolation } from '../../spec/errors';
import type { MemoryRange } from '../../spec/interface/memory-map';
import { buildCFixture, type CFixtureVariant } from '../../fixtures/external/c/build';
import { createSubprocessImplementation, type SubprocessImplementation, type SubprocessOptions } from '../../cli/exec';

const BROKEN_DIR = join(__dirname, '..', '..', 'fixtures', 'external', 'broken');

/** Quoted for sh: the paths contain no $, ` or ". */
function quote(path: string): string {
  return JSON.stringify(path);
}

export function cFixtureCommand(variant: CFixtureVariant = 'correct'): string {
  return quote(buildCFixture(variant));
}

export function brokenCommand(script: string): string {
  return `${quote(process.execPath)} ${quote(join(BROKEN_DIR, script))}`;
}

export function startC(variant: CFixtureVariant = 'correct', options: SubprocessOptions = {}): Promise<SubprocessImplementation> {
  return createSubprocessImplementation(cFixtureCommand(variant), { timeoutMs: 5000, ...options });
}

export function ram(base: bigint, length: bigint): MemoryRange {
  return { base, length, type: 'ram' };
}

export function config(ranges: MemoryRange[], ddiVersion: DdiVersion = '5'): SetupConfig {
  return { memoryMap: { ranges }, pageSize: 4096, ddiVersion, seed: 1 };
}

/** Process state and group from /proc; a zombie is dead, only not yet reaped (PID 1 reaps orphans late). */
function procStat(pid: string): { state: string; pgid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, pgid: Number(fields[2]) };
  } catch {
    return null;
  }
}

/** True while a process, or for a negative id any process of that group, is alive (Linux). */
export function exists(pid: number): boolean {
  if (pid > 0) {
    const s = procStat(String(pid));
    return s !== null && s.state !== 'Z';
  }
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .some((name) => {
      const s = procStat(name);
      return s !== null && s.pgid === -pid && s.state !== 'Z';
    });
}

/**
 * Waits (briefly) until exists(pid) is false. A process the shell started is
 * killed with its group, but its death after SIGKILL is not instantaneous.
 */
export async function vanished(pid: number, withinMs = 1000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (exists(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Settles to 'pending' if the promise has not settled by the time `probe` does. */
export async function stateAfter(promise: Promise<unknown>, probe: Promise<unknown>): Promise<'settled' | 'pending'> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await probe;
  return settled ? 'settled' : 'pending';
}

/** The clause of the violation a call was refused with; anything else fails the test. */
export async function clauseOf(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => new Error('resolved'),
    (err: unknown) => err,
  );
  if (!isContractViolation(e)) throw new Error(`expected a contract violation, got ${String(e)}`);
  return e.clause;
}
