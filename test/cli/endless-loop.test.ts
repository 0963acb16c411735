import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseReport, startUntilReady } from './helpers';


describe('an in-process allocator or core that never gives control back', () => {
  it('--impl: d_alloc_dmamem looping forever is a TIMEOUT naming the call, and the run goes on', async () => {
    const r = await cli(['--impl', 'fixtures/external/ts-broken/loops.ts', '--property', 'aix.placement', '--property', 'physcontig.placement', '--runs', '5', '--timeout', '500', '--seed', '1', '--jobs', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    const placement = report.results.find((x) => x.property === 'aix.placement')!;
    expect(placement.status).toBe('TIMEOUT');
    expect(placement.failure!.message).toMatch(/^d_alloc_dmamem did not return within 500 ms/);
    expect(placement.failure!.counterexample).toMatch(/"size":/);
    // The run after the stuck one still ran, in a fresh worker.
    expect(report.results.find((x) => x.property === 'physcontig.placement')!.status).toBe('PASS');
    // Its replay line leads to the same stuck call on the same input.
    const again = parseReport(await cli(placement.failure!.replayCommand.split(' ').slice(2).concat('--reporter', 'json')));
    expect(again.results[0]!.status).toBe('TIMEOUT');
    expect(again.results[0]!.failure!.counterexample).toBe(placement.failure!.counterexample);
  });

  it('--core: a core whose alloc spins once memory runs short is a TIMEOUT for each property that reaches it', async () => {
    const r = await cli(['--core', 'fixtures/cores/looping.ts', '--property', 'aix.placement', '--property', 'physcontig.placement', '--timeout', '500', '--seed', '3', '--jobs', '2', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    expect(report.results.map((x) => x.property)).toEqual(['aix.placement', 'physcontig.placement']);
    for (const x of report.results) {
      expect(x.status).toBe('TIMEOUT');
      expect(x.failure!.message).toMatch(/^(d_alloc_dmamem|kmem_alloc_physcontig|kmem_alloc_physreq)\b.* did not return within 500 ms/);
    }
  });

  it('SIGTERM while the call spins ends the run at once with 143', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmaconform-loop-'));
    const ready = join(dir, 'ready');
    try {
      const { child, exited, output } = await startUntilReady(['--impl', 'test/cli/fixtures/ready-loops.js', '--property', 'aix.placement', '--timeout', '600000', '--reporter', 'json'], ready);
      const sent = Date.now();
      child.kill('SIGTERM');
      expect(await exited, output.stderr).toBe(143);
      // Loose: only shows the run did not wait for the call (the bench measures how fast it ends).
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(JSON.parse(output.stdout).interrupted).toEqual({ signal: 'SIGTERM', property: 'aix.placement' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
