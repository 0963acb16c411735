import { existsSync, statSync } from 'node:fs';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { UsageError, oneLine } from '../errors';
import { resolvePath, type Io } from '../io';
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

/** Loads the module named by --impl; every way this can go wrong is a UsageError. */
export async function loadImplementationModule(io: Io, path: string): Promise<Exported> {
  const file = resolvePath(io, path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--impl: no such file '${path}'`);
  if (/\.[cm]?tsx?$/.test(file)) ensureTypeScript(file);
  let ns: unknown;
  try {
    ns = await import(file);
  } catch (e) {
    throw new UsageError(`--impl ${path}: cannot load the module: ${oneLine(e instanceof Error ? `${e.name}: ${e.message}` : String(e))}`);
  }
  const found = exportedImplementation(ns);
  if (found === null) throw new UsageError(`--impl ${path}: the module exports neither createImplementation() (named or default) nor a default DmaImplementation object`);
  return found;
}
