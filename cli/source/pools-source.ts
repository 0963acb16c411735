import { ExecPools } from '../../core/exec/exec-pools';
import { leasePools } from '../../core/exec/lease';
import type { PoolEngine } from '../../core/pool-contract';
import { poolEngineShapeProblem } from '../../core/shape';
import type { PoolsSpec } from '../args';
import { UsageError, oneLine } from '../errors';
import type { StartCost } from '../exec';
import type { Io } from '../io';
import { openMade } from './made-module';
import { restingProcesses } from './resting';

export interface OpenPools {
  /** A pool engine for one property. */
  readonly next: () => PoolEngine;
  readonly close: () => Promise<void>;
  readonly startCost?: () => StartCost;
}

/**
 * --pools PATH or --pools-exec COMMAND: the engine that lays dma_pool blocks
 * behind the Linux services. The first is made (or started and greeted)
 * now, so a module or command that cannot give one is a setup error.
 */
export async function openPools(io: Io, spec: PoolsSpec, timeoutMs: number): Promise<OpenPools> {
  if (spec.kind === 'module') {
    const next = await openMade<PoolEngine>(io, '--pools', spec.path, { factory: 'createPools', what: 'pool engine', problem: poolEngineShapeProblem });
    return { next, close: async () => undefined };
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
      return leasePools(serving, () => processes.release(serving));
    },
    close: processes.close,
    startCost: processes.startCost,
  };
}
