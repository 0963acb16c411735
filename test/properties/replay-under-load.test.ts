import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { allProperties } from '../../properties';
import type { PropertyResult } from '../../properties/runner/result';
import { runProperty } from '../../properties/runner/run-property';

/**
 * Replay is exact: a sleep or threads counterexample found on a quiet
 * machine comes back with the same verdict, trace and clause when replayed,
 * or searched for again from its seed, while every core is kept busy.
 */
const CASES: ReadonlyArray<{ mutant: string; property: string; seed: number }> = [
  { mutant: 'lost-wakeup', property: 'physcontig.sleep', seed: 1 },
  { mutant: 'wakes-one-waiter', property: 'physreq.sleep-several', seed: 1 },
];

const run = (c: (typeof CASES)[number], opts: { seed: number; path?: string }): Promise<PropertyResult> =>
  runProperty(allProperties().find((p) => p.name === c.property)!, MUTANTS.find((m) => m.info.name === c.mutant)!.create(), opts);

const verdict = (r: PropertyResult) => ({ status: r.status, clause: r.failure?.clause, trace: r.failure?.trace, replay: r.failure?.replay });

describe('replay under CPU load', () => {
  const quiet: PropertyResult[] = [];
  const busy: ChildProcess[] = [];

  beforeAll(async () => {
    for (const c of CASES) quiet.push(await run(c, { seed: c.seed }));
    // Spinning processes, one per core of the machine the suite was written for, and one more.
    for (let i = 0; i < 3; i++) busy.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  }, 300_000);

  afterAll(() => {
    for (const b of busy) b.kill('SIGKILL');
  });

  it.each(CASES.map((c, i) => [`${c.mutant} in ${c.property}`, i] as const))('%s: the same verdict, trace and clause', async (_name, i) => {
    const c = CASES[i]!;
    const first = quiet[i]!;
    expect(first.status, 'the counterexample exists').toBe('FAIL');
    const [seed, ...path] = first.failure!.replay.split(':');
    const replayed = await run(c, { seed: Number(seed), path: path.join(':') });
    expect(verdict(replayed)).toEqual(verdict(first));
    const searched = await run(c, { seed: c.seed });
    expect(verdict(searched)).toEqual(verdict(first));
  }, 300_000);
});
