import { existsSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { ensureTypeScript } from '../source/typescript';

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
  const extensions = require.extensions as unknown as Record<string, Handler | undefined>;
  const handler: Handler = (module, filename) => {
    const code = compiled[filename];
    if (code !== undefined) return void (module as unknown as { _compile: (content: string, filename: string) => unknown })._compile(code, filename);
    for (const ext of EXTENSIONS) if (extensions[ext] === handler) delete extensions[ext];
    ensureTypeScript(filename);
    extensions[extname(filename)]!(module, filename);
  };
  for (const ext of EXTENSIONS) extensions[ext] ??= handler;
}

const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*)['"]/gm;

function resolveTypeScript(dir: string, spec: string): string | null {
  const base = resolve(dir, spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (TYPESCRIPT.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Compiles whatever TypeScript the module at `entry` reaches by relative
 * imports and the main thread has not compiled yet (it did not, when
 * something else than ts-node compiled it, as under a test runner), so that
 * no worker has to load the compiler. Each file gets its own tsconfig.json's
 * options, as CommonJS.
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
  if (missing.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const options = new Map<string, import('typescript').CompilerOptions>();
  const optionsFor = (file: string) => {
    const config = ts.findConfigFile(dirname(file), ts.sys.fileExists) ?? '';
    let o = options.get(config);
    if (o === undefined) {
      const read = config === '' ? { config: {} } : ts.readConfigFile(config, ts.sys.readFile);
      o = {
        ...ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, config === '' ? dirname(file) : dirname(config)).options,
        module: ts.ModuleKind.CommonJS,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: true,
        declaration: false,
        noEmit: false,
      };
      options.set(config, o);
    }
    return o;
  };
  for (const { file, text } of missing) outputs.set(file, ts.transpileModule(text, { fileName: file, compilerOptions: optionsFor(file) }).outputText);
}
