import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers';
import { core, helper, implCjs, implMjs, implTs } from './layout-sources';

/*
 * --impl and --core through the built command (a real process), in the
 * layouts users' projects have: each project links this package as
 * node_modules/dmaconform, as an install would. Whatever the project's
 * tsconfig says, a module loads; when one cannot, the reason comes in a
 * block with file, line and column.
 */

const BIN = join(ROOT, 'bin', 'dmaconform.js');
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dmaconform-layout-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'dmaconform'), 'dir');
  return dir;
}

function dmaconform(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const QUICK = ['--property', 'physcontig.placement', '--property', 'aix.placement', '--runs', '20', '--seed', '1'];

function conforms(cwd: string, args: string[]): void {
  const r = dmaconform(cwd, [...args, ...QUICK]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/2 properties: 2 judged \(2 PASS,/);
  expect(r.code).toBe(0);
}

describe('modules load in the layouts projects have', () => {
  it('src/ under a root tsconfig with rootDir, nodenext and strict, in a "type": "module" package', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'esm-app', version: '1.0.0', type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { rootDir: 'src', outDir: 'dist', module: 'nodenext', moduleResolution: 'nodenext', strict: true, target: 'es2022' }, include: ['src'] }),
      'src/first-fit.ts': core('./helper.js'),
      'src/helper.ts': helper,
      'src/alloc.ts': implTs,
    });
    conforms(dir, ['--core', 'src/first-fit.ts']);
    conforms(dir, ['--impl', 'src/alloc.ts']);
  });

  it('.mts and .mjs modules', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mts-app', version: '1.0.0' }),
      'src/first-fit.mts': core('./helper.mjs'),
      'src/helper.mts': helper,
      'src/alloc.mjs': implMjs,
    });
    conforms(dir, ['--core', 'src/first-fit.mts']);
    conforms(dir, ['--impl', 'src/alloc.mjs']);
  });

  it('a CommonJS project with a tsconfig of its own (rootDir lib, commonjs, node10)', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'cjs-app', version: '1.0.0' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { rootDir: 'lib', module: 'commonjs', moduleResolution: 'node10', strict: true } }),
      'lib/first-fit.ts': core('./helper'),
      'lib/helper.ts': helper,
      'lib/alloc.cjs': implCjs,
    });
    conforms(dir, ['--core', 'lib/first-fit.ts']);
    conforms(dir, ['--impl', 'lib/alloc.cjs']);
  });

  it('a monorepo workspace: a package importing its sibling by name, run from the root', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', version: '1.0.0', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', rootDir: '.' }, files: [] }),
      'packages/util/package.json': JSON.stringify({ name: '@mono/util', version: '1.0.0', type: 'module', main: 'src/index.ts' }),
      'packages/util/src/index.ts': helper,
      'packages/alloc/package.json': JSON.stringify({ name: '@mono/alloc', version: '1.0.0', type: 'module' }),
      'packages/alloc/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: 'src' } }),
      'packages/alloc/src/core.ts': core('@mono/util'),
    });
    mkdirSync(join(dir, 'node_modules', '@mono'));
    symlinkSync(join(dir, 'packages', 'util'), join(dir, 'node_modules', '@mono', 'util'), 'dir');
    conforms(dir, ['--core', 'packages/alloc/src/core.ts']);
  });
});

describe('a module that does not load says why, in one block, and exits 2', () => {
  const dir = () =>
    project({
      'package.json': JSON.stringify({ name: 'broken', version: '1.0.0', type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { rootDir: 'src', module: 'nodenext', strict: true } }),
      'src/syntax.ts': "import type { PlacementCore } from 'dmaconform';\n\nexport const size: number = ;\n",
      'src/syntax.mjs': 'export function createImplementation() {\n  return {;\n}\n',
      'src/throws.ts': "const port: number = 3;\nif (port > 2) throw new RangeError('no DMA channel ' + port);\nexport {};\n",
    });

  it('a TypeScript syntax error: the compiler diagnostic with file, line and column', () => {
    const r = dmaconform(dir(), ['--core', 'src/syntax.ts']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('dmaconform: --core src/syntax.ts: cannot load the module:\n  src/syntax.ts:3:29 - error TS1109: Expression expected.\n');
  });

  it('a JavaScript syntax error in an ES module: the file, line, source and message', () => {
    const r = dmaconform(dir(), ['--impl', 'src/syntax.mjs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dmaconform: --impl src\/syntax\.mjs: cannot load the module:\n {2}\S*src\/syntax\.mjs:2\n {2}.*return \{;\n[^]*\n {2}SyntaxError: Unexpected token ';'\n$/);
  });

  it('an error thrown while loading: its message and the line of the TypeScript source that threw', () => {
    const r = dmaconform(dir(), ['--impl', 'src/throws.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dmaconform: --impl src/throws.ts: cannot load the module:\n  RangeError: no DMA channel 3\n  at src/throws.ts:2:21\n');
  });
});
