import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, parseReport } from './helpers';

const BIN = join(ROOT, 'bin', 'dmaconform.js');

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
      const child = spawn(process.execPath, [BIN, '--impl', 'test/cli/fixtures/ready-loops.js', '--property', 'aix.placement', '--timeout', '600000', '--reporter', 'json'], {
        cwd: ROOT,
        env: { ...process.env, DMACONFORM_TEST_READY: ready },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let waited = 0; !existsSync(ready); waited += 20) {
        if (waited > 60_000 || child.exitCode !== null) throw new Error(`the call never started: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const sent = Date.now();
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(143);
      // Loose: only shows the run did not wait for the call (the bench measures how fast it ends).
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(JSON.parse(stdout).interrupted).toEqual({ signal: 'SIGTERM', property: 'aix.placement' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
