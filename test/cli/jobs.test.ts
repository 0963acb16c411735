import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { NOT_YET_CAUGHT } from '../properties/kills/kill-matrix';
import { cCommand, cli, parseReport, type CliRun } from './helpers';

/** A report with its timings taken out: what must not depend on the number of jobs. */
/** The report without what the clock and the number of processes decide. */
function untimed(run: CliRun): unknown {
  return JSON.parse(run.stdout, (key, value: unknown) => (key === 'durationMs' || key === 'processStarts' ? undefined : value));
}

describe('--jobs N: the same seed gives the same report whatever N', () => {
  it('--impl: a mutant fails the same properties with the same counterexamples, replays and order at 1 and 2 jobs', async () => {
    const { info } = MUTANTS.find((m) => !NOT_YET_CAUGHT.has(m.info.name))!;
    // The clauses it breaks, as test/cli/mutants.test.ts rejects it on this seed, plus a few properties that pass.
    const only = info.breaks.flatMap((c) => ['--only', c]);
    const args = ['--impl', `fixtures/mutants/${info.name}.ts`, ...only, '--seed', '1', '--strict', '--reporter', 'json'];
    const one = await cli([...args, '--jobs', '1']);
    const two = await cli([...args, '--jobs', '2']);
    expect(one.code, one.stderr).toBe(1);
    expect(parseReport(one).summary.FAIL).toBeGreaterThan(0);
    expect(untimed(two)).toEqual(untimed(one));
  });

  it('--exec: the C fixture that ignores alignment, one process or two at a time', async () => {
    const args = ['--exec', cCommand('ignore-align'), '--property', 'physcontig.placement', '--property', 'physcontig.sleep', '--property', 'aix.placement', '--runs', '15', '--seed', '11', '--reporter', 'json'];
    const one = await cli([...args, '--jobs', '1']);
    const three = await cli([...args, '--jobs', '3']);
    expect(one.code).toBe(1);
    expect(untimed(three)).toEqual(untimed(one));
    // The fixture answers reset: failing properties leave its process fit, so one job needs one process.
    expect(parseReport(one).processStarts).toMatchObject({ processes: 1 });
  });

  it('rejects --jobs 0 before any work', async () => {
    const r = await cli(['--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs: '0' is not a positive integer/);
  });
});
