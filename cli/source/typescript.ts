import { readFileSync } from 'node:fs';
import Module, { SourceMap, type SourceMapPayload } from 'node:module';
import { relative } from 'node:path';

/** The extensions a user's TypeScript may have; all are loaded as CommonJS. */
const TS_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx'] as const;

/** An ES-module-style specifier naming the JavaScript a TypeScript file compiles to ('./x.js' for x.ts). */
const JS_TO_TS: Readonly<Record<string, ReadonlyArray<string>>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** A TypeScript file the compiler cannot parse: the compiler's own diagnostics, each with file, line and column. */
export class TypeScriptSyntaxError extends Error {
  constructor(readonly diagnostics: ReadonlyArray<string>) {
    super(diagnostics.join('\n'));
    this.name = 'TypeScriptSyntaxError';
  }
}

type Ts = typeof import('typescript');
type Hook = (module: { _compile(code: string, file: string): void }, file: string) => void;
type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

let registered = false;

/**
 * Each transpiled file's source map, kept here rather than handed to Node:
 * enabling Node's source maps would slow every stack trace in the process,
 * and only a module that fails to load needs its lines mapped back.
 */
const SOURCE_MAPS = new Map<string, SourceMapPayload>();

/** Where a position in a transpiled file came from in the user's source (1-based line and column), if it was transpiled here. */
export function originalPosition(file: string, line: number, column: number): { line: number; column: number } | null {
  const payload = SOURCE_MAPS.get(file);
  if (payload === undefined) return null;
  const entry = new SourceMap(payload).findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number };
  if (entry.originalLine === undefined || entry.originalColumn === undefined) return null;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/**
 * Makes require() load a user's TypeScript (--impl, --core), for those runs
 * only: the compiler costs about a second to load, so never at start-up.
 *
 * The user's tsconfig.json plays no part, on purpose: its rootDir, module,
 * moduleResolution or paths settings are about building their project, and
 * several of them (TypeScript 6's TS5011 about rootDir, `module: nodenext`
 * under CommonJS) stop a file from loading though nothing is wrong with it.
 * Each file is transpiled on its own (types are the user's build's business)
 * to CommonJS, whatever its package's "type" or its extension (.mts too), so
 * that one loader serves every layout; a syntax error is still reported, in
 * the compiler's words, with file, line and column. ES-module-style imports
 * ('./x.js' naming x.ts) resolve as TypeScript's own resolution does.
 *
 * When this file is itself TypeScript (under vitest), whatever compiles it
 * already handles the module.
 */
export function ensureTypeScript(): void {
  if (registered || __filename.endsWith('.ts')) return;
  registered = true;
  // The compiler is loaded by the first file that needs it: a worker handed compiled output never does.
  const hook: Hook = (module, file) => module._compile(transpileTypeScript(readFileSync(file, 'utf8'), file), file);
  const extensions = (Module as unknown as { _extensions: Record<string, Hook> })._extensions;
  for (const ext of TS_EXTENSIONS) extensions[ext] = hook;
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function resolveTypeScript(request, parent, isMain, options) {
    try {
      return resolve.call(this, request, parent, isMain, options);
    } catch (e) {
      // A module run by this suite may import 'dmaconform' without installing it (npx, a scratch folder): it gets the suite running it.
      if (request === 'dmaconform' || request.startsWith('dmaconform/')) return require.resolve(request);
      const alternative = typeScriptFor(request);
      if (alternative === null) throw e;
      for (const candidate of alternative) {
        try {
          return resolve.call(this, candidate, parent, isMain, options);
        } catch {
          // the next candidate, or the original error
        }
      }
      throw e;
    }
  };
}

function typeScriptFor(request: string): string[] | null {
  if (!request.startsWith('.') && !request.startsWith('/')) return null;
  const m = /\.(m|c)?js$/.exec(request);
  if (m === null) return null;
  const stem = request.slice(0, -m[0].length);
  return (JS_TO_TS[m[0]] ?? []).map((ext) => stem + ext);
}

let compiler: Ts | undefined;

/** One file of a user's TypeScript as the CommonJS this loader runs; throws TypeScriptSyntaxError when it does not parse. */
export function transpileTypeScript(source: string, file: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = (compiler ??= require('typescript') as Ts);
  const out = ts.transpileModule(source, {
    // As .ts: the compiler makes .mts ES module output whatever `module` says, which require() cannot run.
    fileName: file.replace(/\.[cm]ts$/, '.ts'),
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      jsx: ts.JsxEmit.React,
      sourceMap: true,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new TypeScriptSyntaxError(errors.map((d) => located(ts, d, file)));
  if (out.sourceMapText !== undefined) SOURCE_MAPS.set(file, JSON.parse(out.sourceMapText) as SourceMapPayload);
  return out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
}

function located(ts: Ts, d: import('typescript').Diagnostic, file: string): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (d.file === undefined || d.start === undefined) return `error TS${d.code}: ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const name = relative(process.cwd(), file) || file;
  return `${name}:${line + 1}:${character + 1} - error TS${d.code}: ${text}`;
}
