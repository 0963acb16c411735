import { parentPort, workerData } from 'node:worker_threads';
import { allProperties } from '../../properties';
import { SyncChannel } from '../../core/exec/sync-channel';
import { InternalError, describeThrown } from '../../properties/harness/failures';
import { runProperty } from '../../properties/runner/run-property';
import type { DmaImplementation } from '../../spec/interface/implementation';
import type { StartCost } from '../exec';
import type { Io } from '../io';
import { openSource, type OpenSource } from '../source';
import { CallWriter } from './call-slot';
import { useCompiledTypeScript } from './compiled';
import type { FromWorker, Task, ThrownInWorker, WorkerSetup } from './messages';
import { counted, watched } from './watched';

/*
 * A worker thread that checks properties against an in-process allocator
 * (or a core), one at a time as the main thread hands them over. The main
 * thread keeps the clock: it stops this thread if a call never returns.
 */
const setup = workerData as WorkerSetup;
useCompiledTypeScript(setup.compiled);
const port = parentPort!;
const slot = new CallWriter(setup.slot);
const properties = new Map(allProperties().map((p) => [p.name, p]));
const ids = new Map<string, number>();
const post = (m: FromWorker) => port.postMessage(m);

// An allocator's stray promise that rejects later is its own business, not a reason to lose the thread.
process.on('unhandledRejection', () => undefined);

const io: Io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: setup.cwd };
let opened: Promise<OpenSource> | null = null;
let reported: StartCost = { processes: 0, ms: 0 };

function idOf(name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(name, id);
    post({ type: 'name', id, name });
  }
  return id;
}

function thrown(e: unknown): ThrownInWorker {
  if (e instanceof InternalError) {
    const cause = e.cause;
    return { name: 'InternalError', message: describeThrown(cause), stack: cause instanceof Error ? cause.stack : undefined };
  }
  return e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: 'Error', message: String(e) };
}

async function check(task: Task): Promise<void> {
  const prop = properties.get(task.property);
  if (prop === undefined) throw new Error(`no property named ${task.property} in the worker`);
  opened ??= openSource(io, setup.spec, setup.timeoutMs);
  const { source, startCost } = await opened;
  const impl: DmaImplementation = typeof source === 'function' ? await source() : source;
  const groups = () => post({ type: 'groups', pids: SyncChannel.openGroups() });
  groups();
  slot.reset();
  try {
    const result = await runProperty(counted(prop, slot), watched(impl, slot, idOf), { seed: task.seed, numRuns: task.numRuns, path: task.path, timing: setup.timing });
    const now = startCost?.() ?? reported;
    const starts = { processes: now.processes - reported.processes, ms: now.ms - reported.ms };
    reported = now;
    post({ type: 'result', k: task.k, implementation: impl.name, result, starts });
  } finally {
    if (typeof source === 'function') {
      try {
        await impl.dispose?.();
      } catch {
        // A failing dispose must not hide the property's own result.
      }
      groups();
    }
  }
}

port.on('message', (task: Task) => {
  check(task).catch((e: unknown) => post({ type: 'error', k: task.k, error: thrown(e) }));
});
