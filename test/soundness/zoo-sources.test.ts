import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZOO } from '../../fixtures/correct/members';

const ROOT = resolve(__dirname, '../..');
const ZOO_DIR = join(ROOT, 'fixtures/correct');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

describe('the soundness zoo is written apart from the reference', () => {
  const files = sources(ZOO_DIR);

  it('finds the zoo sources and their imports', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf(join(ZOO_DIR, 'kernel/kernel.ts'))).toContain('../../../spec/address/u64');
  });

  it('no file in fixtures/correct imports impl/ (or anything outside spec/ and the zoo)', () => {
    const outside: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(f)) {
        if (spec.startsWith('node:')) continue;
        const target = relative(ROOT, resolve(dirname(f), spec));
        if (!target.startsWith('spec/') && !target.startsWith('fixtures/correct/')) outside.push(`${relative(ROOT, f)} -> ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('lists every member module (each exports createImplementation) in members.ts', () => {
    const modules = readdirSync(ZOO_DIR).filter((n) => n.endsWith('.ts') && /export function createImplementation/.test(readFileSync(join(ZOO_DIR, n), 'utf8')));
    expect(modules.map((n) => n.replace(/\.ts$/, '')).sort()).toEqual(ZOO.map((m) => m.file).sort());
  });

  it('gives every member its own name', () => {
    const names = ZOO.map((m) => m.create().name);
    expect(new Set(names).size).toBe(names.length);
  });
});
