import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The package as a user gets it: `npm pack` (which builds), the tarball
 * installed into a fresh project with vitest beside it, and everything run
 * from there. Slow (an npm install), hence one file with generous limits.
 */

const ROOT = join(__dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const SLOW = 300_000;

let dir = '';
let app = '';

// The outer vitest's variables would make the inner one think it is a worker.
const inherited = Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !['NODE_OPTIONS', 'TS_NODE_PROJECT', 'FORCE_COLOR'].includes(k));
const env = { ...Object.fromEntries(inherited), NO_COLOR: '1' };

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: ReadonlyArray<string>, cwd = app): Ran {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: SLOW, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dmaconform = (...args: string[]) => run('npx', ['dmaconform', ...args]);

function mustSucceed(r: Ran, what: string): Ran {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

const json = (r: Ran) => JSON.parse(r.stdout) as { implementation: string; conforming: boolean; summary: { total: number; PASS: number } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dmaconform-pack-'));
  // vitest's globalSetup has just built dist/; packing without scripts keeps tsc from rewriting it while other test files run it.
  mustSucceed(run('npm', ['pack', '--pack-destination', dir, '--silent', '--ignore-scripts'], ROOT), 'npm pack');
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  mustSucceed(
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, tarball), `vitest@${PKG.devDependencies.vitest}`]),
    'npm install',
  );
}, SLOW);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('the packed tarball, installed into a fresh project', { timeout: SLOW }, () => {
  it('ships what users need and nothing else', () => {
    const listed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    const files = listed[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/dmaconform.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/entries/index.d.ts');
    expect(files).toContain('entries/vitest.mjs');
    expect(files).toContain('fixtures/external/c/driver.c');
    // The walkthrough's C route: the header, the core-protocol helper and the example cores.
    expect(files).toEqual(expect.arrayContaining(['fixtures/external/c/core/dmacore.h', 'fixtures/external/c/core/core-exec.c', 'fixtures/cores/c/bitmap.c', 'fixtures/cores/exec/first-fit.js']));
    expect(files.filter((f) => f.includes('/build/'))).toEqual([]);
    expect(files.filter((f) => /^(test|bench|\.ci|cli|spec|impl|properties)\//.test(f) || f.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('--version and --help', () => {
    expect(mustSucceed(dmaconform('--version'), '--version').stdout).toBe(`${PKG.version}\n`);
    expect(mustSucceed(dmaconform('--help'), '--help').stdout).toMatch(/^Usage:/);
  });

  it('runs the reference', () => {
    const report = json(mustSucceed(dmaconform('--budget', '0.05', '--seed', '1', '--reporter', 'json'), 'the reference'));
    expect(report.conforming).toBe(true);
    expect(report.summary.PASS).toBe(report.summary.total);
  });

  it('--impl on a JavaScript module', () => {
    writeFileSync(join(app, 'alloc.js'), "const { createReference } = require('dmaconform');\nexports.createImplementation = () => Object.assign(createReference(), { name: 'js-alloc' });\n");
    const report = json(mustSucceed(dmaconform('--impl', 'alloc.js', '--budget', '0.05', '--seed', '2', '--reporter', 'json'), '--impl alloc.js'));
    expect(report.implementation).toBe('js-alloc');
    expect(report.conforming).toBe(true);
  });

  it('--impl on a TypeScript module importing from dmaconform, which also type-checks against the shipped declarations', () => {
    writeFileSync(
      join(app, 'alloc.ts'),
      [
        "import { createReference, type DmaImplementation } from 'dmaconform';",
        'export function createImplementation(): DmaImplementation {',
        "  return Object.assign(createReference(), { name: 'ts-alloc' });",
        '}',
        '',
      ].join('\n'),
    );
    const report = json(mustSucceed(dmaconform('--impl', 'alloc.ts', '--budget', '0.05', '--seed', '3', '--reporter', 'json'), '--impl alloc.ts'));
    expect(report.implementation).toBe('ts-alloc');
    expect(report.conforming).toBe(true);
    mustSucceed(run('npx', ['tsc', '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'alloc.ts']), 'tsc on alloc.ts');
  });

  it('loads from CommonJS and from an ES module', () => {
    writeFileSync(join(app, 'esm.mjs'), "import { CLAUSES, runSuite } from 'dmaconform';\nconsole.log(CLAUSES.length > 0, typeof runSuite);\n");
    expect(mustSucceed(run('node', ['esm.mjs']), 'esm.mjs').stdout).toBe('true function\n');
    expect(mustSucceed(run('node', ['-e', "const d = require('dmaconform'); console.log(typeof d.runSuite, typeof d.createReference)"]), 'require').stdout).toBe('function function\n');
  });

  it('--exec on the C fixture built from the shipped sources', () => {
    const sources = join(app, 'node_modules', 'dmaconform', 'fixtures', 'external', 'c');
    const c = readdirSync(sources).filter((f) => f.endsWith('.c')).map((f) => join(sources, f));
    mustSucceed(run(process.env.CC ?? 'cc', ['-std=c99', '-O2', '-o', join(app, 'dmaalloc'), ...c]), 'cc');
    const report = json(mustSucceed(dmaconform('--exec', './dmaalloc', '--budget', '0.05', '--seed', '4', '--reporter', 'json'), '--exec ./dmaalloc'));
    expect(report.conforming).toBe(true);
  });

  it("--core-exec on a C core built with the walkthrough's own commands from the installed package", () => {
    const installed = join(app, 'node_modules', 'dmaconform');
    const walkthrough = readFileSync(join(installed, 'docs', 'core-walkthrough.md'), 'utf8');
    const commands = [...walkthrough.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('--core-exec'));
    if (commands === undefined) throw new Error('the walkthrough has no sh block running --core-exec');
    writeFileSync(join(app, 'my-core.c'), readFileSync(join(installed, 'fixtures', 'cores', 'c', 'bitmap.c')));
    const script = commands.trimEnd().replace(/(npx dmaconform --core-exec \S+)$/m, '$1 --budget 0.05 --seed 6 --reporter json');
    const report = json(mustSucceed(run('sh', ['-e', '-c', script]), 'the walkthrough C commands'));
    expect(report.implementation).toBe('core my-core');
    expect(report.conforming).toBe(true);
    expect(report.summary.PASS).toBe(report.summary.total);
  });

  it('the shipped Makefile builds the helper library, and a core linked with it answers hello', () => {
    const c = join(app, 'node_modules', 'dmaconform', 'fixtures', 'external', 'c');
    writeFileSync(join(app, 'my-core.c'), readFileSync(join(app, 'node_modules', 'dmaconform', 'fixtures', 'cores', 'c', 'bitmap.c')));
    mustSucceed(run('make', ['-s', '-C', c, 'build/libdmacore.a']), 'make libdmacore.a');
    mustSucceed(run(process.env.CC ?? 'cc', ['-std=c99', `-I${join(c, 'core')}`, '-o', 'linked-core', 'my-core.c', join(c, 'build', 'libdmacore.a')]), 'cc with libdmacore.a');
    const r = spawnSync('./linked-core', { cwd: app, input: '{"op":"hello","protocol":1}\n', encoding: 'utf8' });
    expect(r.stdout).toBe('{"ok":true,"name":"linked-core"}\n');
  });

  it('a vitest file using dmaconform/vitest', () => {
    writeFileSync(
      join(app, 'alloc.test.ts'),
      [
        "import { createReference } from 'dmaconform';",
        "import { describeConformance, describeCoreConformance } from 'dmaconform/vitest';",
        '',
        "if (typeof describeCoreConformance !== 'function') throw new Error('dmaconform/vitest has no describeCoreConformance');",
        "describeConformance('packed reference', () => createReference(), { budget: 0.05, seed: 5 });",
        '',
      ].join('\n'),
    );
    const r = mustSucceed(run('npx', ['vitest', 'run', '--reporter', 'dot']), 'vitest run');
    expect(r.stdout).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    // Both entries' declarations resolve from the installed package.
    mustSucceed(run('npx', ['tsc', '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'alloc.test.ts']), 'tsc on alloc.test.ts');
  });
});
