import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { linuxPackage, linuxSource } from '../../fixtures/external/linux/source';

const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs tsc with these arguments; a failure carries what tsc said. */
function tsc(what: string, args: ReadonlyArray<string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSC, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`${what} (tsc ${args.join(' ')}) failed:\n${stdout}${stderr}`));
    });
  });
}

/**
 * The real Linux files, extracted once here, while tsc runs: left to the test
 * files, each fork that needs them first would extract them at the same time.
 * A failure is left for those tests to report, with the package named.
 */
function extractLinuxSource(): void {
  try {
    if (linuxPackage().found) linuxSource();
  } catch {
    // The tests that need the files say why they cannot have them.
  }
}

/**
 * vitest globalSetup: compiles dist/ once before any test file runs, since
 * tests that start bin/dmaconform.js as a real process run the build, and a
 * build older than the sources must never be what they judge. Beside it, on
 * the other core, the whole tree (tests included) is type-checked: a type
 * error stops the run before any test, as `npm run typecheck` would. Both
 * are incremental, so an unchanged tree costs a few seconds; the build info
 * is dropped if the output it describes has gone.
 */
export default async function setup(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) rmSync(join(ROOT, 'dist', '.tsbuildinfo'), { force: true });
  const typecheckInfo = join(ROOT, 'node_modules', '.cache', 'dmaconform', 'typecheck.tsbuildinfo');
  const compiled = Promise.allSettled([
    tsc('the build', ['-p', join(ROOT, 'tsconfig.build.json')]),
    tsc('the typecheck', ['--noEmit', '-p', join(ROOT, 'tsconfig.json'), '--incremental', '--tsBuildInfoFile', typecheckInfo]),
  ]);
  extractLinuxSource();
  const results = await compiled;
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (failed.length > 0) throw new Error(failed.join('\n'));
}
