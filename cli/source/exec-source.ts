import { SubprocessRecycler, type StartCost, type SubprocessOptions } from '../exec';
import { UsageError, oneLine } from '../errors';
import type { Io } from '../io';
import { perProperty, type PerProperty } from './per-property';

/**
 * --exec COMMAND: a process per property, or one serving property after
 * property when it answers `reset` (docs/protocol.md). The first one is
 * started and handshaken before the suite, so a command that cannot run is a
 * setup error (exit 2) rather than a suite of BROKEN results.
 */
export async function openExec(
  io: Io,
  command: string,
  timeoutMs: number,
): Promise<PerProperty & { readonly placementCore: boolean; readonly startCost: () => StartCost }> {
  const options: SubprocessOptions = { cwd: io.cwd, timeoutMs };
  const recycler = new SubprocessRecycler(command, options);
  let first;
  try {
    first = await recycler.take();
  } catch (e) {
    throw new UsageError(`--exec ${JSON.stringify(command)}: cannot start the implementation: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const each = perProperty(first, () => recycler.take(), true);
  return {
    next: each.next,
    close: async () => {
      await each.close();
      await recycler.close();
    },
    placementCore: first.placementCore,
    startCost: () => recycler.startCost,
  };
}
