import { describe, expect, it } from 'vitest';
import { allProperties } from '../../properties';
import { propertySeed } from '../../properties/runner/property-seed';
import { cli, parseReport } from './helpers';

describe('the reference kernel (no --impl, no --exec)', () => {
  it('is what a bare `dmaconform` checks, with the whole suite at the default budget, and it conforms', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dmaconform: reference \(seed -?\d+\)/);
    expect(r.stdout).toContain(`${allProperties().length} properties: ${allProperties().length} judged (${allProperties().length} PASS, 0 FAIL, 0 TIMEOUT, 0 BROKEN), 0 UNSUPPORTED`);
    expect(r.stdout).toMatch(/\nCONFORMING\n$/);
    for (const p of allProperties()) expect(r.stdout).toMatch(new RegExp(`\\n${p.name.replace(/\./g, '\\.')} +PASS +${p.strength} +${p.runs} `));
  });

  it('scales the runs with --budget and conforms', async () => {
    const r = await cli(['--budget', '0.2', '--reporter', 'json']);
    expect(r.code).toBe(0);
    const report = parseReport(r);
    expect(report.implementation).toBe('reference');
    expect(report.conforming).toBe(true);
    const byName = new Map(allProperties().map((p) => [p.name, p]));
    for (const res of report.results) expect(res.runs).toBe(Math.max(1, Math.round(byName.get(res.property)!.runs * 0.2)));
  });

  it('shows progress on a terminal, and none otherwise', async () => {
    const tty = await cli(['--runs', '1', '--property', 'aix.*'], { tty: true });
    expect(tty.stderr).toMatch(/\[1\/\d+\] aix\.[a-z-]+ \.\.\./);
    const piped = await cli(['--runs', '1', '--property', 'aix.*']);
    expect(piped.stderr).toBe('');
  });
});

describe('a failure through --impl', () => {
  it('prints each failure with its trace and a replay command that reproduces it', async () => {
    const r = await cli(['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--seed', '7']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/aix\.placement +FAIL +MUST .* d_alloc_dmamem\.align/);
    expect(r.stdout).toMatch(/\n  trace:\n    setup\(/);
    const replay = /\n  replay: (npx dmaconform .*)\n/.exec(r.stdout)![1]!;
    // The replay carries the property's own seed, derived from --seed 7 and its name.
    expect(replay).toMatch(new RegExp(`^npx dmaconform --impl fixtures/mutants/ignores-align\\.ts --property aix\\.placement --replay ${propertySeed(7, 'aix.placement')}:[\\d:]+$`));
    const again = await cli([...replay.split(' ').slice(2), '--reporter', 'json']);
    expect(again.code).toBe(1);
    const first = await cli(['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--seed', '7', '--reporter', 'json']);
    expect(parseReport(again).results[0]!.failure!.trace).toEqual(parseReport(first).results[0]!.failure!.trace);
    expect(parseReport(again).results[0]!.runs).toBe(1);
  });
});

describe('the example module', () => {
  it('fixtures/examples/my-allocator.ts is accepted and conforms; families it lacks are UNSUPPORTED', async () => {
    const r = await cli(['--impl', 'fixtures/examples/my-allocator.ts', '--budget', '0.3', '--reporter', 'json']);
    expect(r.code).toBe(0);
    const report = parseReport(r);
    expect(report.implementation).toBe('my-allocator');
    expect(report.results.filter((x) => x.status === 'PASS').length).toBeGreaterThan(10);
    expect(report.results.every((x) => x.status === 'PASS' || x.status === 'UNSUPPORTED')).toBe(true);
  });
});
