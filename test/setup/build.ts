import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * vitest globalSetup: compiles dist/ once before any test file runs, since
 * tests that start bin/dmaconform.js as a real process run the build, and a
 * build older than the sources must never be what they judge. tsc's
 * incremental build makes this a few seconds when nothing changed; the
 * build info is dropped if the output it describes has gone.
 */
export default function setup(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) rmSync(join(ROOT, 'dist', '.tsbuildinfo'), { force: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the build (tsc -p tsconfig.build.json) failed:\n${out.stdout?.toString() ?? ''}${out.stderr?.toString() ?? ''}`);
  }
}
