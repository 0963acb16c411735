import { parentPort, workerData } from 'node:worker_threads';
import { allProperties } from '../../properties';
import { SyncChannel } from '../../core/exec/sync-channel';
import { crashOf, describeCrash, guardExits, noteUncaught, onBehalfOf, rootOf, watchingNow, type ExitWatch } from '../../properties/harness/exit-guard';
import { InternalError, describeThrown } from '../../properties/harness/failures';
import type { FailureReport } from '../../properties/runner/result';
import { checkProperty, settleTurns } from '../../properties/runner/run-property';
import type { DmaImplementation } from '../../spec/interface/implementation';
import type { StartCost } from '../exec';
import type { Io } from '../io';
import { openSource, type OpenSource } from '../source';
import { CallWriter } from './call-slot';
import { useCompiledTypeScript } from './compiled';
import type { FromWorker, Task, ThrownInWorker, ToWorker, WorkerSetup } from './messages';
import { counted, watched } from './watched';

/*
 * A worker thread that checks properties against an in-process allocator
 * (or a core), one at a time as the main thread hands them over. The main
 * thread keeps the clock: it stops this thread if a call never returns.
 *
 * A crash of the implementation outside its calls (process.exit, or an
 * error nobody could catch, in a timer or callback it scheduled) is noted
 * on the watch of the property whose call scheduled it, found through the
 * async context the callback runs in, never blamed on whichever property
 * runs when it fires. After each property the worker waits a little for
 * what the implementation left scheduled, so that most such crashes come
 * in before the property's result goes; one that comes later still makes
 * that property BROKEN (a `late` message).
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

/** How long, after a property's last run, the worker waits at most for the timers the implementation set to fire while the property is the one running. */
const SETTLE_MS = 10;
/** What the slot names while the worker waits so: a callback that never gives control back is stopped like a call that never returns. */
const SETTLING = 'a callback it scheduled';

/** What the worker knows of a property it checks or has checked. */
interface Checking {
  readonly k: number;
  readonly seed: number;
  /** Where the implementation's crashes outside its calls during the property are noted (every run's watch answers to it). */
  readonly watch: ExitWatch;
  /** Its result has gone to the main thread: a crash noticed from now on goes as `late`. */
  sent: boolean;
  /** The main thread knows the implementation crashed during it. */
  told: boolean;
  /** The report of a crash noted after the property was judged. */
  later?: () => FailureReport | undefined;
}
const checkings = new WeakMap<ExitWatch, Checking>();
/** The property being checked; between properties, none. */
let current: Checking | null = null;
/** The property checked last, or being checked. */
let latest: Checking | null = null;

// For the thread's whole life: an exit requested on the implementation's behalf, even by a timer that fires after its
// property, is a crash to report, never the end of the thread (which would lose it, or pin it on the next property).
guardExits();

// An error the implementation threw where no call could catch it: its property's crash (found through the async
// context the callback runs in), or, from code that runs on nobody's behalf, that of the property running or last run.
process.on('uncaughtException', (e: unknown) => {
  const at = watchingNow();
  const owner = (at === undefined ? undefined : checkings.get(rootOf(at))) ?? current ?? latest;
  // Before any property: not the implementation's; the thread ends and the main thread says so.
  if (owner === null) throw e;
  noteUncaught(at ?? owner.watch, e);
  tellLate(owner);
});

/** A crash noted once the property's result was sent: the main thread makes that property BROKEN. */
function tellLate(c: Checking): void {
  const crash = crashOf(c.watch);
  if (!c.sent || c.told || crash === undefined) return;
  c.told = true;
  const failure = c.later?.() ?? { message: `the allocator crashed outside its calls, after the property's last run: ${describeCrash(crash)}`, trace: [], counterexample: '(none)', replay: `${c.seed}:0`, runsToFailure: 0, shrinks: 0 };
  post({ type: 'late', k: c.k, failure });
}

/** A timer or an immediate still to run in this thread: between calls the suite keeps none, so they are the implementation's. */
const pending = () => process.getActiveResourcesInfo().some((r) => r === 'Timeout' || r === 'Immediate');

/** Lets the timers already due run, then waits for the implementation's others while any remain, at most `ms`. */
async function settle(ms: number): Promise<void> {
  await settleTurns();
  const until = Date.now() + ms;
  while (pending() && Date.now() < until) await new Promise<void>((r) => setTimeout(r, 1));
}

/** settle() after a property, marked in the slot as a call, so that the main thread stops a callback that never gives control back. */
async function settleProperty(): Promise<void> {
  slot.enter(idOf(SETTLING));
  try {
    await settle(SETTLE_MS);
  } finally {
    slot.leave();
  }
}

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
  const checking: Checking = { k: task.k, seed: task.seed, watch: {}, sent: false, told: false };
  checkings.set(checking.watch, checking);
  current = latest = checking;
  try {
    // The module loads on nobody's behalf (what it starts serves every property); each instance on its property's.
    opened ??= openSource(io, setup.spec, setup.timeoutMs);
    const { source, startCost } = await opened;
    const impl: DmaImplementation = typeof source === 'function' ? await onBehalfOf(checking.watch, source) : source;
    const groups = () => post({ type: 'groups', pids: SyncChannel.openGroups() });
    groups();
    slot.reset();
    try {
      const hooks = { watch: checking.watch, settle: settleProperty, later: (report: () => FailureReport | undefined) => (checking.later = report) };
      const result = await checkProperty(counted(prop, slot), watched(impl, slot, idOf), { seed: task.seed, numRuns: task.numRuns, path: task.path, timing: setup.timing }, hooks);
      // The result accounts for every crash noted so far; any later one is sent after it.
      current = null;
      checking.sent = true;
      checking.told = crashOf(checking.watch) !== undefined;
      const now = startCost?.() ?? reported;
      const starts = { processes: now.processes - reported.processes, ms: now.ms - reported.ms };
      reported = now;
      post({ type: 'result', k: task.k, implementation: impl.name, result, starts });
    } finally {
      if (typeof source === 'function') {
        try {
          await onBehalfOf(checking.watch, async () => impl.dispose?.());
        } catch {
          // A failing dispose must not hide the property's own result.
        }
        groups();
      }
    }
  } finally {
    if (current === checking) current = null;
    // An exit in dispose, say, that dispose swallowed.
    tellLate(checking);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'drain') {
    void settle(m.ms).then(() => post({ type: 'drained' }));
    return;
  }
  post({ type: 'begun', k: m.k });
  check(m).catch((e: unknown) => post({ type: 'error', k: m.k, error: thrown(e) }));
});
