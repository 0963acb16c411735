import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The project's import graph, read from the sources: relative imports only. */
const ROOT = resolve(__dirname, '../..');
const LAYERS = ['spec', 'core', 'impl', 'properties', 'fixtures', 'cli', 'entries', 'bench'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'build') return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const files = LAYERS.flatMap((l) => sources(join(ROOT, l)));
const graph = new Map<string, string[]>();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const deps = [...text.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => resolveImport(f, m[1]!)).filter((x): x is string => x !== null);
  graph.set(f, deps);
}
const layerOf = (f: string) => relative(ROOT, f).split(/[\\/]/)[0]!;

describe('architecture', () => {
  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(ROOT, p)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the layers apart: spec depends on nothing, the service layer only on spec, the reference on that layer, the properties never on the service layer or the CLI', () => {
    const allowed: Record<string, string[]> = {
      spec: ['spec'],
      // The service layer every placement core runs behind: it must not lean on the reference's internals.
      core: ['spec', 'core'],
      // The reference is that layer over its own placement engine.
      impl: ['spec', 'core', 'impl'],
      // The properties judge any implementation; wrapping a core in the layer is an entry's work (entries/).
      properties: ['spec', 'impl', 'properties'],
      fixtures: ['spec', 'impl', 'core', 'fixtures'],
      cli: ['spec', 'impl', 'core', 'properties', 'fixtures', 'cli'],
      // The package's entries (the root module, dmaconform/vitest) stand on the library floors.
      entries: ['spec', 'impl', 'core', 'properties', 'entries'],
      bench: LAYERS,
    };
    const bad: string[] = [];
    for (const [f, deps] of graph) {
      for (const d of deps) if (!allowed[layerOf(f)]!.includes(layerOf(d))) bad.push(`${relative(ROOT, f)} imports ${relative(ROOT, d)}`);
    }
    expect(bad).toEqual([]);
  });

  it('keeps the root free of sources: every entry of the package stands in entries/', () => {
    const stray = readdirSync(ROOT).filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && !/\.config\.m?ts$/.test(f));
    expect(stray).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string };
    expect([pkg.main, pkg.types]).toEqual(['./dist/entries/index.js', './dist/entries/index.d.ts']);
  });
});
