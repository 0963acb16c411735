import { describe, expect, it } from 'vitest';
import { cli, parseReport } from './helpers';

/** Every property: the whole suite judges a core as it judges any allocator. */
const selected: string[] = [];

describe('--core', () => {
  it('runs a placement core in the shell; properties judging only the shell say so', async () => {
    const r = await cli(['--core', 'fixtures/cores/first-fit.ts', ...selected, '--budget', '0.2', '--seed', '11', '--reporter', 'json']);
    expect(r.stderr).toMatch(/CONFORMING/);
    expect(r.code).toBe(0);
    const report = parseReport(r);
    expect(report.implementation).toBe('core first-fit');
    const byName = new Map(report.results.map((x) => [x.property, x as typeof x & { reason?: string }]));
    expect(byName.get('aix.contexts')?.reason).toMatch(/supplied by the shell/);
    expect(byName.get('physcontig.versions')?.reason).toMatch(/supplied by the shell/);
    expect(byName.get('aix.placement')?.reason).toBeUndefined();
    expect(byName.get('physreq.threads')?.reason).toBeUndefined();
  });

  it('rejects a core that ignores alignment, naming the clause, with a replay through --core', async () => {
    const r = await cli(['--core', 'fixtures/cores/mutants/ignores-align.ts', '--property', 'aix.placement', '--seed', '5', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const f = parseReport(r).results[0]!.failure!;
    expect(f.clause).toBe('d_alloc_dmamem.align-physical');
    expect(f.replayCommand).toMatch(/^npx dmaconform --core fixtures\/cores\/mutants\/ignores-align.ts --property aix.placement --replay /);
    const again = await cli(f.replayCommand.split(' ').slice(2).concat('--reporter', 'json'));
    expect(again.code).toBe(1);
    expect(parseReport(again).results[0]!.failure!.clause).toBe('d_alloc_dmamem.align-physical');
  });

  it('gates @thi.ng/malloc through its expectations file, strictly', async () => {
    const r = await cli(['--core', 'fixtures/cores/thing-pool.ts', ...selected, '--seed', '1', '--strict', '--expectations', 'fixtures/cores/thing-pool.expectations.json']);
    expect(r.stdout).toMatch(/core thi\.ng-malloc-pool/);
    expect(r.stdout).toMatch(/expected failure: [a-z_]+\.fails-only-when-unavailable/);
    expect(r.stdout).toMatch(/\nCONFORMING\n$/);
    expect(r.code).toBe(0);
  });

  it.each([
    ['a missing file', ['--core', 'fixtures/cores/no-such-core.ts'], /--core: no such file/],
    ['--core with --impl', ['--core', 'fixtures/cores/first-fit.ts', '--impl', 'fixtures/examples/my-allocator.ts'], /--impl and --core cannot be combined/],
    ['--core with --exec', ['--exec', 'x', '--core', 'fixtures/cores/first-fit.ts'], /--exec and --core cannot be combined/],
    ['a module with no core', ['--core', 'fixtures/external/ts-broken/no-implementation.ts'], /exports neither createCore/],
    ['a DmaImplementation instead of a core', ['--core', 'fixtures/examples/my-allocator.ts'], /exports neither createCore/],
  ])('bad input: %s is exit 2 with one line', async (_, argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dmaconform: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
  });
});
