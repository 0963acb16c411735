import { describe, expect, it } from 'vitest';
import { cli, parseReport } from './helpers';

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
    expect(report.results.length).toBe(11);
    // The interleaving always measures capacity first, which translates; a single placement may draw a request that fails.
    const interleaving = report.results.find((x) => x.property === 'aix.interleaving')!;
    expect(interleaving.status).toBe('TIMEOUT');
    expect(interleaving.failure!.message).toMatch(/translate did not answer within 100 ms/);
    expect(report.summary.TIMEOUT).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
