import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { core, helper, implCjs, implMjs, implTs } from '../cli/layout-sources';

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
let tarball = '';

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

/** The installed command run from `cwd`, found as npx finds it (the nearest node_modules holding it), without npx's own second. */
function installedCommand(cwd: string, ...args: string[]): Ran {
  for (let at = cwd; ; at = dirname(at)) {
    const bin = join(at, 'node_modules', 'dmaconform', 'bin', 'dmaconform.js');
    if (existsSync(bin)) return run(process.execPath, [bin, ...args], cwd);
    if (dirname(at) === at) throw new Error(`no dmaconform installed above ${cwd}`);
  }
}

/** The installed command in the first project; `npx` itself (most of a second each) is used where the README's own command is checked. */
const dmaconform = (...args: string[]) => installedCommand(app, ...args);
const npxDmaconform = (...args: string[]) => run('npx', ['dmaconform', ...args]);

function mustSucceed(r: Ran, what: string): Ran {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

const json = (r: Ran) => JSON.parse(r.stdout) as { implementation: string; conforming: boolean; summary: { total: number; PASS: number } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dmaconform-pack-'));
  // vitest's globalSetup has just built dist/; packing without scripts keeps tsc from rewriting it while other test files run it.
  mustSucceed(run('npm', ['pack', '--pack-destination', dir, '--silent', '--ignore-scripts'], ROOT), 'npm pack');
  const packed = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (packed === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  tarball = join(dir, packed);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  mustSucceed(
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, `vitest@${PKG.devDependencies.vitest}`]),
    'npm install',
  );
}, SLOW);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
}, SLOW);

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
    // Nothing on install asks the consumer to trust a script.
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'dmaconform', 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    expect(Object.keys(installed.scripts ?? {}).filter((k) => /^(pre|post)?(install|prepare)$/.test(k))).toEqual([]);
  });

  it('explain prints rerun lines that run in the project', () => {
    const text = mustSucceed(dmaconform('explain', 'd_alloc_dmamem.align-physical'), 'explain').stdout;
    // The renderer wraps long lines; the words are what a user copies.
    const rerun = /rerun: {2}npx dmaconform (--impl\s+\S+\s+--property\s+\S+\s+--replay\s+\S+)/.exec(text);
    expect(rerun, text).not.toBeNull();
    const args = rerun![1]!.split(/\s+/);
    expect(args[1]).toMatch(/^node_modules\/dmaconform\/dist\/fixtures\/mutants\//);
    const r = dmaconform(...args, '--reporter', 'json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { results: Array<{ failure: { clause: string } }> }).results[0]!.failure.clause).toBe('d_alloc_dmamem.align-physical');
  });

  it('--version and --help', () => {
    expect(mustSucceed(dmaconform('--version'), '--version').stdout).toBe(`${PKG.version}\n`);
    expect(mustSucceed(dmaconform('--help'), '--help').stdout).toMatch(/^Usage:/);
  });

  it('runs the reference', () => {
    const report = json(mustSucceed(npxDmaconform('--budget', '0.05', '--seed', '1', '--reporter', 'json'), 'the reference'));
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
    mustSucceed(run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'alloc.ts']), 'tsc on alloc.ts');
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
        "describeConformance('packed reference', () => createReference(), { budget: 0.05, seed: 5, requireFamilies: ['aix', 'svr5-phys'] });",
        '',
      ].join('\n'),
    );
    const r = mustSucceed(run('npx', ['vitest', 'run', '--reporter', 'dot']), 'vitest run');
    expect(r.stdout).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    // Both entries' declarations resolve from the installed package.
    mustSucceed(run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'alloc.test.ts']), 'tsc on alloc.test.ts');
  });
});

/** A fresh project with these files, the tarball installed into it from npm's cache (the first install filled it). */
function installedProject(files: Record<string, string>): string {
  const root = join(dir, `layout-${readdirSync(dir).length}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  mustSucceed(run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], root), `npm install in ${root}`);
  return root;
}

const QUICK = ['--property', 'aix.placement', '--property', 'physcontig.placement', '--runs', '10', '--seed', '6', '--reporter', 'json'];

function conforms(root: string, ...args: string[]): void {
  const r = mustSucceed(installedCommand(root, ...args, ...QUICK), `dmaconform ${args.join(' ')} in ${root}`);
  expect(json(r).summary.PASS).toBe(2);
}

describe('the packed tarball in the layouts projects have: a core and an implementation load and run', { timeout: SLOW }, () => {
  it('src/ under a root tsconfig (rootDir, nodenext, strict) in a "type": "module" package', () => {
    const root = installedProject({
      'package.json': JSON.stringify({ name: 'esm-app', version: '1.0.0', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { rootDir: 'src', outDir: 'build', module: 'nodenext', moduleResolution: 'nodenext', strict: true, target: 'es2022', skipLibCheck: true }, include: ['src'] }),
      'src/first-fit.ts': core('./helper.js'),
      'src/helper.ts': helper,
      'src/alloc.ts': implTs,
      'src/alloc.mjs': implMjs,
    });
    conforms(root, '--core', 'src/first-fit.ts');
    conforms(root, '--impl', 'src/alloc.ts');
    conforms(root, '--impl', 'src/alloc.mjs');
    // The same sources type-check under that tsconfig against the shipped declarations.
    mustSucceed(run('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], root), 'tsc -p tsconfig.json');
  });

  it('.mts modules and a CommonJS project with its own tsconfig', () => {
    const root = installedProject({
      'package.json': JSON.stringify({ name: 'cjs-app', version: '1.0.0', private: true }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { rootDir: 'lib', module: 'commonjs', strict: true } }),
      'lib/first-fit.mts': core('./helper.mjs'),
      'lib/helper.mts': helper,
      'lib/first-fit.ts': core('./helper'),
      'lib/helper.ts': helper,
      'lib/alloc.cjs': implCjs,
    });
    conforms(root, '--core', 'lib/first-fit.mts');
    conforms(root, '--core', 'lib/first-fit.ts');
    conforms(root, '--impl', 'lib/alloc.cjs');
  });

  it('a monorepo workspace, run from the root and from the package', () => {
    const root = installedProject({
      'package.json': JSON.stringify({ name: 'mono', version: '1.0.0', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext' }, files: [] }),
      'packages/util/package.json': JSON.stringify({ name: '@mono/util', version: '1.0.0', type: 'module', main: 'src/index.ts' }),
      'packages/util/src/index.ts': helper,
      'packages/alloc/package.json': JSON.stringify({ name: '@mono/alloc', version: '1.0.0', type: 'module' }),
      'packages/alloc/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: 'src' } }),
      'packages/alloc/src/core.ts': core('@mono/util'),
      'packages/alloc/src/alloc.ts': implTs,
    });
    conforms(root, '--core', 'packages/alloc/src/core.ts');
    conforms(join(root, 'packages', 'alloc'), '--impl', 'src/alloc.ts');
  });

  it('a module that does not load says why: file, line, column and the diagnostic, exit 2', () => {
    // The first project (CommonJS, no tsconfig of its own) serves: what is checked is the loader, not the layout.
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'src', 'core.ts'), 'export const size: number = ;\n');
    const r = installedCommand(app, '--core', 'src/core.ts');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dmaconform: --core src/core.ts: cannot load the module:\n  src/core.ts:1:29 - error TS1109: Expression expected.\n');
  });
});
