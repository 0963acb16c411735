import type { PlacementCore } from '../../core/contract';
import { coreShapeProblem } from '../../core/shape';
import { shellNote } from '../../core/attribution';
import { ExecCore } from '../../core/exec/exec-core';
import { leaseCore } from '../../core/exec/lease';
import type { StartCost } from '../exec';
import { CoreShell } from '../../core/shell/core-shell';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { UsageError, oneLine } from '../errors';
import type { Io } from '../io';
import { openMade } from './made-module';
import { restingProcesses } from './resting';

/** --core PATH: a placement core inside the suite's shell, a fresh core per property (see openMade). */
export async function openCore(io: Io, path: string): Promise<() => DmaImplementation> {
  const next = await openMade<PlacementCore>(io, '--core', path, { factory: 'createCore', what: 'placement core', problem: coreShapeProblem });
  return () => new CoreShell(next());
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
