import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseReport } from './helpers';
import { allProperties } from '../../properties';

/** aix.* plus physcontig.placement, however many AIX properties there are. */
const SELECTED = allProperties().filter((p) => p.name.startsWith('aix.')).length + 1;

const selection = ['--property', 'aix.*', '--property', 'physcontig.placement', '--runs', '3', '--reporter', 'json'];

describe('--impl: TypeScript allocators that crash or hang', () => {
  it('a plain error thrown by a service is BROKEN; properties that never reach it still pass', async () => {
    const r = await cli(['--impl', 'fixtures/external/ts-broken/throws.ts', ...selection]);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    const placement = report.results.find((x) => x.property === 'aix.placement')!;
    expect(placement.status).toBe('BROKEN');
    expect(placement.failure!.clause).toBeNull();
    expect(placement.failure!.message).toMatch(/threw TypeError: internal: free-list node is undefined/);
    expect(report.results.find((x) => x.property === 'physcontig.placement')!.status).toBe('BROKEN');
    expect(report.results.find((x) => x.property === 'aix.unknown-flags')!.status).toBe('PASS');
    expect(report.summary.BROKEN).toBeGreaterThan(1);
  });

  it('a call that never settles is a TIMEOUT after --timeout, and every selected property still runs', async () => {
    const started = Date.now();
    const r = await cli(['--impl', 'fixtures/external/ts-broken/hangs.ts', ...selection, '--timeout', '100']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    expect(report.results.length).toBe(SELECTED);
    // The interleaving always measures capacity first, which translates; a single placement may draw a request that fails.
    const interleaving = report.results.find((x) => x.property === 'aix.interleaving')!;
    expect(interleaving.status).toBe('TIMEOUT');
    expect(interleaving.failure!.message).toMatch(/translate did not answer within 100 ms/);
    expect(report.summary.TIMEOUT).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('process.exit(0) inside a call is BROKEN at MUST strength, even in a SHOULD property, and the run and its --out report go on', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dmaconform-exit-')), 'report.json');
    const props = ['aix.completeness', 'physcontig.completeness', 'physcontig.placement', 'aix.unknown-flags'];
    const r = await cli(['--impl', 'fixtures/external/ts-broken/exits.ts', ...props.flatMap((p) => ['--property', p]), '--seed', '3', '--reporter', 'json', '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReturnType<typeof parseReport>;
    expect(report.results.map((x) => x.property).sort()).toEqual([...props].sort());
    const broken = report.results.filter((x) => x.status === 'BROKEN');
    expect(broken.map((x) => x.property)).toEqual(expect.arrayContaining(['aix.completeness', 'physcontig.completeness']));
    for (const b of broken) {
      expect(b.strength).toBe('MUST');
      expect(b.failure!.message).toMatch(/called process\.exit\(0\)/);
      // The trace shown is an input that crashed: it ends with the release of more than two pages that exited.
      const lastCall = b.failure!.trace.filter((t) => !t.startsWith(' ')).at(-1)!;
      const size = /(?:kmem_free_physcontig|d_free_dmamem)\(.*, (0x[0-9a-f]+)\) -> threw$/.exec(lastCall);
      expect(size, lastCall).not.toBeNull();
      expect(BigInt(size![1]!)).toBeGreaterThan(0x2000n);
    }
    expect(report.gate.passed).toBe(false);
    expect(report.results.find((x) => x.property === 'aix.unknown-flags')!.status).toBe('PASS');
  });

  it('a crash in a SHOULD property is never printed as a warning', async () => {
    const r = await cli(['--impl', 'fixtures/external/ts-broken/exits.ts', '--property', 'physcontig.completeness', '--seed', '3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/physcontig\.completeness\s+BROKEN\s+MUST/);
    expect(r.stdout).not.toMatch(/warning/);
    expect(r.stdout).toMatch(/NOT CONFORMING/);
  });
});

/** A SHOULD property that makes requests of more than three pages, a MUST one that does too, and one that makes none (it runs after them). */
const CRASHING = ['aix.placement', 'aix.completeness'];
const AFTER = 'aix.unknown-flags';
const around = [...CRASHING, AFTER].flatMap((p) => ['--property', p]);

function crashedAtMust(report: ReturnType<typeof parseReport>, message: RegExp): void {
  for (const name of CRASHING) {
    const r = report.results.find((x) => x.property === name)!;
    expect(r.status, name).toBe('BROKEN');
    expect(r.strength, name).toBe('MUST');
    expect(r.failure!.message, name).toMatch(message);
  }
  // The property after them makes no such request: whatever is left over from them is theirs.
  expect(report.results.find((x) => x.property === AFTER)!.status).toBe('PASS');
  expect(report.summary.mustFailures).toBe(CRASHING.length);
  expect(report.conforming).toBe(false);
  expect(report.gate.passed).toBe(false);
}

describe('--impl: a crash outside the calls, or of the thread itself, is BROKEN at MUST and is the crashing property\'s', () => {
  it('a SHOULD property whose worker thread dies is BROKEN at MUST in the table and in JUnit, and the run is not conforming', async () => {
    const args = ['--impl', 'fixtures/external/ts-broken/dies.ts', '--property', 'aix.completeness', '--property', AFTER, '--seed', '1'];
    const pretty = await cli(args);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(/aix\.completeness\s+BROKEN\s+MUST\s.*the worker running the implementation ended \(exit 0\)/);
    expect(pretty.stdout).not.toMatch(/warning/);
    expect(pretty.stdout).toMatch(/\nNOT CONFORMING/);
    const junit = await cli([...args, '--reporter', 'junit']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).not.toMatch(/SHOULD warning/);
    expect(junit.stdout).toMatch(/<testcase name="aix\.completeness"[^>]*>\s*<error [^>]*type="BROKEN"/);
    expect(junit.stdout).toMatch(/\[MUST\]/);
  });

  for (const jobs of ['1', '2']) {
    it(`a SHOULD and a MUST property whose thread dies are BROKEN at MUST (--jobs ${jobs}); the next property is not blamed`, async () => {
      const r = await cli(['--impl', 'fixtures/external/ts-broken/dies.ts', ...around, '--seed', '1', '--jobs', jobs, '--reporter', 'json']);
      expect(r.code).toBe(1);
      crashedAtMust(parseReport(r), /the worker running the implementation ended \(exit 0\)/);
    });

    it(`an error thrown later, from a callback the allocator scheduled (setImmediate), is BROKEN at MUST (--jobs ${jobs})`, async () => {
      const r = await cli(['--impl', 'fixtures/external/ts-broken/throws-later.ts', ...around, '--seed', '1', '--jobs', jobs, '--reporter', 'json']);
      expect(r.code).toBe(1);
      crashedAtMust(parseReport(r), /in a callback it scheduled.*TypeError: completion path: request descriptor is undefined/);
    });

    it(`process.exit(0) from a timer the allocator set (5 ms) is BROKEN at MUST (--jobs ${jobs})`, async () => {
      const r = await cli(['--impl', 'fixtures/external/ts-broken/exits-later.ts', ...around, '--seed', '1', '--jobs', jobs, '--reporter', 'json']);
      expect(r.code).toBe(1);
      crashedAtMust(parseReport(r), /in a callback it scheduled.*called process\.exit\(0\)/);
    });
  }

  for (const jobs of ['1', '2']) {
    it(`an exit that comes once the next property runs, or after the last, is blamed on the property that set it (--jobs ${jobs})`, async () => {
      // Short properties (a SHOULD and a MUST) that set a 40 ms timer, each followed by one that never does.
      const props = ['aix.clear-with-live-memory', 'aix.unknown-flags', 'aix.handle-after-clear', 'coherent.placement'];
      const r = await cli(['--impl', 'fixtures/external/ts-broken/exits-much-later.ts', ...props.flatMap((p) => ['--property', p]), '--seed', '1', '--jobs', jobs, '--reporter', 'json']);
      expect(r.code).toBe(1);
      const report = parseReport(r);
      expect(report.results.map((x) => [x.property, x.status, x.strength])).toEqual([
        ['aix.clear-with-live-memory', 'BROKEN', 'MUST'],
        ['aix.unknown-flags', 'PASS', 'SHOULD'],
        ['aix.handle-after-clear', 'BROKEN', 'MUST'],
        ['coherent.placement', 'PASS', 'MUST'],
      ]);
      for (const x of report.results.filter((y) => y.status === 'BROKEN')) {
        expect(x.failure!.message).toMatch(/in a callback it scheduled during run \d+.*: called process\.exit\(0\)/);
        // The run that set the timer, and how to replay it.
        expect(x.failure!.trace.at(-1)).toBe('  then, outside any call: called process.exit(0)');
        expect(x.failure!.replay).toMatch(/^-?\d+:\d+$/);
      }
      expect(report.gate.passed).toBe(false);
    });
  }

  it('every AIX property: those that ask for more than three pages are BROKEN, the others pass, whatever runs when the timers fire', async () => {
    const r = await cli(['--impl', 'fixtures/external/ts-broken/exits-later.ts', '--property', 'aix.*', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    // These make no request of more than three pages (fixtures/external/ts-broken/throws.ts shows which do).
    const quiet = ['aix.contexts-each', 'aix.wide-each', 'aix.unknown-flags'];
    for (const x of report.results) {
      if (quiet.includes(x.property)) expect(x.status, x.property).toBe('PASS');
      else {
        expect(x.status, x.property).toBe('BROKEN');
        expect(x.strength, x.property).toBe('MUST');
      }
    }
  });

  it('a call that never returns in a SHOULD property is a TIMEOUT at MUST', async () => {
    const r = await cli(['--impl', 'fixtures/external/ts-broken/loops.ts', '--property', 'aix.completeness', '--timeout', '100', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const x = parseReport(r).results[0]!;
    expect(x.status).toBe('TIMEOUT');
    expect(x.strength).toBe('MUST');
  });
});
