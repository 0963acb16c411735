import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { UsageError } from '../errors';
import { resolvePath, type Io } from '../io';
import { loadFailureLines } from './load-failure';
import { ensureTypeScript } from './typescript';

export type Factory = () => DmaImplementation | Promise<DmaImplementation>;

/** What a module offers: a factory to call per property, or one ready object. */
export type Exported = { readonly kind: 'factory'; readonly create: Factory } | { readonly kind: 'object'; readonly impl: unknown };

const isFunction = (v: unknown): v is Factory => typeof v === 'function';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Finds the implementation among a module's exports. The same module looks
 * different when loaded as CommonJS (the default export nested one level
 * deeper) or as ES module, so both layouts are accepted.
 */
export function exportedImplementation(ns: unknown): Exported | null {
  if (!isObject(ns)) return isFunction(ns) ? { kind: 'factory', create: ns } : null;
  if (isFunction(ns.createImplementation)) return { kind: 'factory', create: ns.createImplementation };
  const dflt = ns.default;
  if (isFunction(dflt)) return { kind: 'factory', create: dflt };
  if (isObject(dflt)) {
    if (isFunction(dflt.createImplementation)) return { kind: 'factory', create: dflt.createImplementation };
    if (isFunction(dflt.default)) return { kind: 'factory', create: dflt.default };
    if ('setup' in dflt || 'families' in dflt) return { kind: 'object', impl: dflt };
  }
  return null;
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * Node's own import(), which the CommonJS build would otherwise turn into
 * require(): JavaScript is loaded as its package and extension say (an .mjs
 * or a "type": "module" package as ES module, anything else as CommonJS).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

async function importFile(file: string): Promise<unknown> {
  // Under vitest the suite is TypeScript itself, and vitest's import() already handles every kind of module.
  if (__filename.endsWith('.ts')) return import(file);
  if (!TYPESCRIPT.test(file)) return nativeImport(pathToFileURL(file).href);
  ensureTypeScript();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as unknown;
}

/**
 * Loads the module named by OPTION PATH (--impl, --core). Every way this can
 * go wrong is a UsageError, and a module that does not load says why in a
 * block: file, line, column and the diagnostic.
 */
export async function loadUserModule(io: Io, option: string, path: string): Promise<unknown> {
  const file = resolvePath(io, path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${option}: no such file '${path}'`);
  try {
    return await importFile(file);
  } catch (e) {
    throw new UsageError(`${option} ${path}: cannot load the module:`, loadFailureLines(e, file));
  }
}

/** Loads the module named by --impl; every way this can go wrong is a UsageError. */
export async function loadImplementationModule(io: Io, path: string): Promise<Exported> {
  const found = exportedImplementation(await loadUserModule(io, '--impl', path));
  if (found === null) throw new UsageError(`--impl ${path}: the module exports neither createImplementation() (named or default) nor a default DmaImplementation object`);
  return found;
}
