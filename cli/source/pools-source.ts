import { ExecPools } from '../../core/exec/exec-pools';
import type { PoolEngine, PoolHost, PoolPair } from '../../core/pool-contract';
import { poolEngineShapeProblem } from '../../core/shape';
import type { PoolParams } from '../../spec/constraints/from-linux';
import type { PoolsSpec } from '../args';
import { UsageError, oneLine } from '../errors';
import type { StartCost } from '../exec';
import type { Io } from '../io';
import { loadUserModule } from './load-module';
import { restingProcesses } from './resting';

export interface OpenPools {
  /** A pool engine for one property. */
  readonly next: () => PoolEngine;
  readonly close: () => Promise<void>;
  readonly startCost?: () => StartCost;
}

type Maker = () => unknown;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isFunction = (v: unknown): v is Maker => typeof v === 'function';

/** createPools() (named or default), or a default engine object; CommonJS nests the default one level deeper. */
function exportedPools(ns: unknown): Maker | null {
  if (isFunction(ns)) return ns;
  if (!isObject(ns)) return null;
  if (isFunction(ns.createPools)) return ns.createPools;
  const dflt = ns.default;
  if (isFunction(dflt)) return dflt;
  if (isObject(dflt) && isFunction(dflt.createPools)) return dflt.createPools;
  if (isObject(dflt) && 'alloc' in dflt) return () => dflt;
  return null;
}

function made(path: string, create: Maker): PoolEngine {
  let engine: unknown;
  try {
    engine = create();
  } catch (e) {
    throw new UsageError(`--pools ${path}: createPools() threw: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const problem = poolEngineShapeProblem(engine);
  if (problem !== null) throw new UsageError(`--pools ${path}: not a pool engine: ${problem}`);
  return engine as PoolEngine;
}

/** One property's use of an engine process: dispose() hands it back, and a call after that is refused. */
function lease(engine: ExecPools, release: () => void): PoolEngine {
  let returned = false;
  const live = (): ExecPools => {
    if (returned) throw new Error(`${engine.name}: the pool engine was called after its property was over`);
    return engine;
  };
  const leased: PoolEngine = {
    name: engine.name,
    reset: (host: PoolHost) => live().reset(host),
    create: (pool: number, p: PoolParams) => live().create(pool, p),
    alloc: (pool: number, zero: boolean) => live().alloc(pool, zero),
    free: (pool: number, block: PoolPair) => live().free(pool, block),
    destroy: (pool: number) => live().destroy(pool),
    dispose: () => {
      if (returned) return;
      returned = true;
      release();
    },
  };
  const { read, write } = engine;
  if (read !== undefined && write !== undefined) {
    Object.assign(leased, {
      read: (dma: bigint, length: number) => (live(), read(dma, length)),
      write: (dma: bigint, data: Uint8Array) => (live(), write(dma, data)),
    });
  }
  return leased;
}

/**
 * --pools PATH or --pools-exec COMMAND: the engine that lays dma_pool blocks
 * behind the Linux services. The first is made (or started and greeted)
 * now, so a module or command that cannot give one is a setup error.
 */
export async function openPools(io: Io, spec: PoolsSpec, timeoutMs: number): Promise<OpenPools> {
  if (spec.kind === 'module') {
    const ns = await loadUserModule(io, '--pools', spec.path);
    const create = exportedPools(ns);
    if (create === null) throw new UsageError(`--pools ${spec.path}: the module exports neither createPools() (named or default) nor a default pool engine object`);
    let first: PoolEngine | null = made(spec.path, create);
    return {
      next: () => {
        const engine = first ?? made(spec.path, create);
        first = null;
        return engine;
      },
      close: async () => undefined,
    };
  }
  const processes = restingProcesses(() => new ExecPools(spec.command, io.cwd, timeoutMs));
  try {
    processes.warm();
  } catch (e) {
    throw new UsageError(`--pools-exec ${JSON.stringify(spec.command)}: cannot start the pool engine: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  return {
    next: () => {
      const serving = processes.take();
      return lease(serving, () => processes.release(serving));
    },
    close: processes.close,
    startCost: processes.startCost,
  };
}
