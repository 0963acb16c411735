import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

const BIN = join(ROOT, 'bin', 'dmaconform.js');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('node bin/dmaconform.js (a real process)', () => {
  it('runs the suite against the reference and exits 0', async () => {
    const r = await run(['--budget', '0.2']);
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
