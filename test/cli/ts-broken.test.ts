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
