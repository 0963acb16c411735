import { existsSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ensureTypeScript, transpileTypeScript } from '../source/typescript';

/*
 * A user's TypeScript module is compiled once, by the main thread when it
 * checks the module, and every worker runs that output instead of loading
 * the compiler again (about a second each). A file the main thread never
 * compiled is compiled in the worker the usual way.
 */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const TYPESCRIPT = /\.[cm]?tsx?$/;

type Compile = (this: Module, content: string, filename: string) => unknown;
type Handler = (module: Module, filename: string) => void;

const outputs = new Map<string, string>();
let recording = false;

/** From now on, keeps the JavaScript every TypeScript module loaded in this thread was compiled to. */
export function recordCompiledTypeScript(): void {
  if (recording) return;
  recording = true;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string) {
    if (TYPESCRIPT.test(filename)) outputs.set(filename, content);
    return original.call(this, content, filename);
  };
}

export function compiledTypeScript(): Record<string, string> {
  return Object.fromEntries(outputs);
}

/** In a worker: loads TypeScript modules from the main thread's outputs, compiling only what is missing. */
export function useCompiledTypeScript(compiled: Readonly<Record<string, string>>): void {
  if (Object.keys(compiled).length === 0) return;
  // The outputs carry inline source maps: a stack trace then names the TypeScript line.
  process.setSourceMapsEnabled(true);
  // The loader's own hooks first (resolution of './x.js' to x.ts included); its compiler loads only for a file not handed over.
  ensureTypeScript();
  const extensions = require.extensions as unknown as Record<string, Handler | undefined>;
  for (const ext of EXTENSIONS) {
    const own = extensions[ext];
    extensions[ext] = (module, filename) => {
      const code = compiled[filename];
      if (code !== undefined) return void (module as unknown as { _compile: (content: string, filename: string) => unknown })._compile(code, filename);
      own?.(module, filename);
    };
  }
}

const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*)['"]/gm;

function resolveTypeScript(dir: string, spec: string): string | null {
  const base = resolve(dir, spec);
  const stem = base.replace(/\.[cm]?js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), `${stem}.ts`, `${stem}.mts`, `${stem}.cts`]) {
    if (TYPESCRIPT.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Compiles whatever TypeScript the module at `entry` reaches by relative
 * imports and the main thread has not compiled yet (it did not, when
 * something else compiled it, as under a test runner), so that no worker
 * has to load the compiler. Each file is transpiled as the loader does it.
 */
export function compileReachable(entry: string): void {
  if (!TYPESCRIPT.test(entry)) return;
  const missing: Array<{ file: string; text: string }> = [];
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (!outputs.has(file)) missing.push({ file, text });
    for (const m of text.matchAll(RELATIVE_IMPORT)) {
      const found = resolveTypeScript(dirname(file), m[1]!);
      if (found !== null) todo.push(found);
    }
  }
  for (const { file, text } of missing) outputs.set(file, transpileTypeScript(text, file));
}
