import { createSubprocessImplementation, type SubprocessOptions } from '../exec';
import { UsageError, oneLine } from '../errors';
import type { Io } from '../io';
import { perProperty, type PerProperty } from './per-property';

/**
 * --exec COMMAND: a fresh process per property. The first one is started and
 * handshaken before the suite, so a command that cannot run is a setup error
 * (exit 2) rather than a suite of BROKEN results.
 */
export async function openExec(io: Io, command: string, timeoutMs: number): Promise<PerProperty & { readonly placementCore: boolean }> {
  const options: SubprocessOptions = { cwd: io.cwd, timeoutMs };
  let first;
  try {
    first = await createSubprocessImplementation(command, options);
  } catch (e) {
    throw new UsageError(`--exec ${JSON.stringify(command)}: cannot start the implementation: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  return { ...perProperty(first, () => createSubprocessImplementation(command, options), true), placementCore: first.placementCore };
}
