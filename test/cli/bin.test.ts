import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cCommand } from './helpers';

const BIN = join(ROOT, 'bin', 'dmaconform.js');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('node bin/dmaconform.js (a real process)', () => {
  it('runs the suite against the reference and exits 0', async () => {
    const r = await run(['--budget', '0.2', '--seed', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dmaconform: reference /);
    expect(r.stdout).toMatch(/\nCONFORMING\n$/);
  });

  it('loads a TypeScript module with --impl and exits 1 for a mutant', async () => {
    const r = await run(['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--seed', '4', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0].status).toBe('FAIL');
    expect(r.stderr).toMatch(/^dmaconform: 1 property: .*NOT CONFORMING/);
  });

  it('a printed replay line runs exactly as printed, from a shell, and fails the same way', async () => {
    const r = await run(['--exec', cCommand('ignore-align'), '--property', 'aix.placement', '--seed', '3', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const failure = JSON.parse(r.stdout).results[0].failure as { replayCommand: string; trace: string[] };
    expect(failure.replayCommand).toMatch(/^npx dmaconform --exec '/);
    const again = spawnSync('sh', ['-c', `${failure.replayCommand} --reporter json`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).results[0].failure.trace).toEqual(failure.trace);
  });

  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(require('../../package.json') as { version: string }).version}\n`);
  });

  it('exits 2 with one line for bad input', async () => {
    const r = await run(['--runs', 'many']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("dmaconform: --runs: 'many' is not a positive integer\n");
  });
});
