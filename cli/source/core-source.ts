import type { PlacementCore } from '../../core/contract';
import { coreShapeProblem } from '../../core/shape';
import { shellNote } from '../../core/attribution';
import { ExecCore } from '../../core/exec/exec-core';
import { leaseCore } from '../../core/exec/core-lease';
import type { StartCost } from '../exec';
import { CoreShell } from '../../core/shell/core-shell';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { UsageError, oneLine } from '../errors';
import type { Io } from '../io';
import { loadUserModule } from './load-module';
import { restingProcesses } from './resting';

type CoreMaker = () => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isFunction = (v: unknown): v is CoreMaker => typeof v === 'function';
const looksLikeCore = (v: unknown) => isObject(v) && 'alloc' in v;

/**
 * The core among a module's exports: createCore() (named or default), or a
 * default core object (then one object serves every property; init starts
 * it afresh). CommonJS nests the default export one level deeper.
 */
function exportedCore(ns: unknown): CoreMaker | null {
  if (isFunction(ns)) return ns;
  if (!isObject(ns)) return null;
  if (isFunction(ns.createCore)) return ns.createCore;
  const dflt = ns.default;
  if (isFunction(dflt)) return dflt;
  if (isObject(dflt) && isFunction(dflt.createCore)) return dflt.createCore;
  if (looksLikeCore(dflt)) return () => dflt;
  return null;
}

function make(path: string, create: CoreMaker): PlacementCore {
  let core: unknown;
  try {
    core = create();
  } catch (e) {
    throw new UsageError(`--core ${path}: createCore() threw: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const problem = coreShapeProblem(core);
  if (problem !== null) throw new UsageError(`--core ${path}: not a placement core: ${problem}`);
  return core as PlacementCore;
}

/**
 * --core PATH: a placement core inside the suite's shell, a fresh core per
 * property. The first is made and checked now, so a module that cannot give
 * a core is a setup error (exit 2) rather than a suite of BROKEN results.
 */
export async function openCore(io: Io, path: string): Promise<() => DmaImplementation> {
  const ns = await loadUserModule(io, '--core', path);
  const create = exportedCore(ns);
  if (create === null) throw new UsageError(`--core ${path}: the module exports neither createCore() (named or default) nor a default placement core object`);
  let first: PlacementCore | null = make(path, create);
  return () => {
    const core = first ?? (create() as PlacementCore);
    first = null;
    return new CoreShell(core);
  };
}

/**
 * --core-exec COMMAND: a placement core in another language
 * (docs/core-protocol.md). One process serves property after property, since
 * init starts a core afresh; one that failed or missed a deadline is ended
 * and the next property gets a new one. The first is started and greeted
 * now, so a command that cannot run is a setup error.
 */
export function openCoreExec(io: Io, command: string, timeoutMs: number): { next: () => DmaImplementation; close: () => Promise<void>; startCost: () => StartCost } {
  const processes = restingProcesses(() => new ExecCore(command, io.cwd, timeoutMs));
  try {
    processes.warm();
  } catch (e) {
    throw new UsageError(`--core-exec ${JSON.stringify(command)}: cannot start the core: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  return {
    next: () => {
      const serving = processes.take();
      return new CoreShell(leaseCore(serving, () => processes.release(serving)));
    },
    close: processes.close,
    startCost: processes.startCost,
  };
}

/** In core mode, a property whose clauses the shell alone supplies says so beside its result. */
export const coreNote = shellNote;
