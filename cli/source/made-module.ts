import { UsageError, oneLine } from '../errors';
import type { Io } from '../io';
import { loadUserModule } from './load-module';

type Maker = () => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isFunction = (v: unknown): v is Maker => typeof v === 'function';

/** What a module given to an option must offer, in the words of its messages. */
export interface MadeSpec {
  /** `createCore`, `createPools`. */
  readonly factory: string;
  /** `placement core`, `pool engine`. */
  readonly what: string;
  /** What is wrong with a made object, or null when it can be driven. */
  readonly problem: (made: unknown) => string | null;
}

/**
 * The factory among a module's exports: `factory` named or as the default
 * export, or a default object with an alloc (then one object serves every
 * property, its init or reset starting it afresh). CommonJS nests the
 * default export one level deeper.
 */
function exportedMaker(ns: unknown, factory: string): Maker | null {
  if (isFunction(ns)) return ns;
  if (!isObject(ns)) return null;
  if (isFunction(ns[factory])) return ns[factory] as Maker;
  const dflt = ns.default;
  if (isFunction(dflt)) return dflt;
  if (isObject(dflt) && isFunction(dflt[factory])) return dflt[factory] as Maker;
  if (isObject(dflt) && 'alloc' in dflt) return () => dflt;
  return null;
}

/**
 * A module that makes one object per property (--core, --pools). The first
 * is made and checked now, so a module that cannot give one is a setup
 * error (exit 2) rather than a suite of BROKEN results; next() hands out
 * that one, then fresh ones.
 */
export async function openMade<T>(io: Io, option: string, path: string, spec: MadeSpec): Promise<() => T> {
  const ns = await loadUserModule(io, option, path);
  const create = exportedMaker(ns, spec.factory);
  if (create === null) throw new UsageError(`${option} ${path}: the module exports neither ${spec.factory}() (named or default) nor a default ${spec.what} object`);
  let first: unknown;
  try {
    first = create();
  } catch (e) {
    throw new UsageError(`${option} ${path}: ${spec.factory}() threw: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const problem = spec.problem(first);
  if (problem !== null) throw new UsageError(`${option} ${path}: not a ${spec.what}: ${problem}`);
  let unused = true;
  return () => {
    const made = unused ? first : create();
    unused = false;
    return made as T;
  };
}
