import type { Worker } from 'node:worker_threads';
import { InternalError } from '../../properties/harness/failures';
import { inputAt } from '../../properties/runner/input-at';
import type { PlannedProperty } from '../../properties/runner/report-order';
import { inReportOrder } from '../../properties/runner/report-order';
import type { FailureReport, PropertyResult } from '../../properties/runner/result';
import { planSuite, suiteReport, type SuiteOptions, type SuiteReport } from '../../properties/runner/run-suite';
import { newCallSlot, readCallSlot, type CallState } from './call-slot';
import type { StartCost } from '../exec';
import type { FromWorker, Task, ThrownInWorker, ToWorker, WorkerSetup } from './messages';
import { startWorker } from './start-worker';

export interface PoolOptions extends SuiteOptions {
  readonly setup: Omit<WorkerSetup, 'slot'>;
  readonly seed: number;
  /** The implementation's name, as the main thread found it when it checked the source. */
  readonly name: string;
  /** Worker threads, each checking one property at a time. */
  readonly jobs: number;
}

export interface PoolRun {
  readonly report: Promise<SuiteReport>;
  /** Ends every worker at once, wherever it is (a stuck call included). */
  readonly stop: () => Promise<void>;
  /** The processes the workers started (--core-exec), and what starting them took. */
  readonly startCost: () => StartCost;
}

/** How often the main thread looks at the calls under way: a hang is seen at most this late. */
const WATCH_MS = 50;
/** Once every property is checked: how long a worker may wait for the timers its implementation still has set (a crash they cause is the property's that set them). */
const DRAIN_MS = 100;

type Outcome = { readonly result: PropertyResult; readonly implementation?: string } | { readonly error: Error };

function rebuilt(property: string, e: ThrownInWorker): Error {
  const cause = Object.assign(new Error(e.message), { name: e.name === 'InternalError' ? 'Error' : e.name, stack: e.stack });
  if (e.name === 'InternalError') return new InternalError(property, cause);
  return cause;
}

/** A property whose call never came back: TIMEOUT, with the call and the input it was running (at MUST: an allocator that stops answering is never a warning). */
function stuckResult(planned: PlannedProperty, state: CallState, call: string, ms: number, startedAt: number, replayPath: string | undefined): PropertyResult {
  const p = planned.property;
  // Before any run failed, run n is path n-1; while shrinking, the first failing run is the one to replay.
  const path = replayPath ?? String(Math.max(0, (state.firstFailed || state.runs) - 1));
  const input = inputAt(p, planned.seed, path);
  return {
    property: p.name,
    clauses: p.clauses,
    strength: 'MUST',
    seed: planned.seed,
    status: 'TIMEOUT',
    runs: state.runs,
    durationMs: Date.now() - startedAt,
    failure: {
      message: `${call} did not return within ${ms} ms (it never gave control back, so the thread running it was stopped)`,
      trace: [`${call} -> never returned`],
      counterexample: input ?? '(could not be generated again)',
      replay: `${planned.seed}:${path}`,
      runsToFailure: state.firstFailed || state.runs,
      shrinks: 0,
    },
  };
}

/** A property during which the thread running the allocator ended: BROKEN, at MUST whatever the property's own strength (a crash is never a warning). */
function brokenResult(planned: PlannedProperty, why: string, startedAt: number): PropertyResult {
  const p = planned.property;
  return {
    property: p.name,
    clauses: p.clauses,
    strength: 'MUST',
    seed: planned.seed,
    status: 'BROKEN',
    runs: 0,
    durationMs: Date.now() - startedAt,
    failure: { message: why, trace: [], counterexample: '(none)', replay: `${planned.seed}:0`, runsToFailure: 0, shrinks: 0 },
  };
}

/** What is known of a crash that came after its property's result: the worker's full report of it, or only why the worker ended. */
type LateCrash = FailureReport | string;

/**
 * A property already reported on whose allocator crashed afterwards, from
 * something it scheduled during the property: BROKEN at MUST after all,
 * whatever its runs found. One already BROKEN keeps its own crash.
 */
function brokenLater(r: PropertyResult, crash: LateCrash): PropertyResult {
  if (r.status === 'BROKEN') return r;
  const { reason: _reason, ...rest } = r;
  const failure = typeof crash !== 'string' ? crash : { message: crash, trace: [], counterexample: '(none)', replay: `${r.seed}:0`, runsToFailure: r.runs, shrinks: 0 };
  return { ...rest, strength: 'MUST', status: 'BROKEN', failure };
}

type Heard = FromWorker | { type: 'gone'; why: string };

/** One worker thread and what the main thread knows of it; replaced when it has to be stopped. */
class Lane {
  private worker: Worker | null = null;
  /** Each worker gets its own: one stopped inside a call leaves its mark behind. */
  private slot = newCallSlot();
  private names = new Map<number, string>();
  /** Process groups the current worker's cores run in (--core-exec). */
  private groups: ReadonlyArray<number> = [];
  private waiting: ((m: Heard) => void) | null = null;
  private stopped = false;
  /** The last property the current worker checked to the end: its implementation may still crash from what it scheduled. */
  private lastK: number | null = null;
  /** Processes this lane's workers started, added up from their results. */
  starts: StartCost = { processes: 0, ms: 0 };

  constructor(
    private readonly setup: Omit<WorkerSetup, 'slot'>,
    /** Property k, already reported on, turns out BROKEN (its allocator crashed later, from what it scheduled). */
    private readonly late: (k: number, crash: LateCrash) => void,
  ) {}

  /** The worker ended between properties: the crash is the last property's, never the next one's, and never lost. */
  private endedAfter(why: string): void {
    if (!this.stopped && this.lastK !== null) this.late(this.lastK, `${why}, after the property's last run`);
    this.lastK = null;
  }

  private ensure(): Worker {
    if (this.worker !== null) return this.worker;
    this.slot = newCallSlot();
    const w = startWorker({ ...this.setup, slot: this.slot });
    this.names = new Map();
    this.lastK = null;
    // A worker already stopped may still speak or end later: only the current one is heard.
    w.on('message', (m: FromWorker) => {
      if (this.worker !== w) return;
      if (m.type === 'name') this.names.set(m.id, m.name);
      else if (m.type === 'groups') this.groups = m.pids;
      else if (m.type === 'late') this.late(m.k, m.failure);
      else this.waiting?.(m);
    });
    // An 'error' comes before the 'exit': it says why, and the worker is done with from then on.
    const end = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      if (this.waiting !== null) this.waiting({ type: 'gone', why });
      else this.endedAfter(why);
    };
    w.on('error', (e) => end(`the worker running the implementation failed: ${e.message}`));
    w.on('exit', (code) => end(`the worker running the implementation ended (exit ${code})`));
    this.worker = w;
    return w;
  }

  async run(planned: PlannedProperty, task: Task): Promise<Outcome> {
    if (this.stopped) return { error: new Error('stopped') };
    const worker = this.ensure();
    const startedAt = Date.now();
    const timeoutMs = this.setup.timing.timeoutMs;
    return new Promise<Outcome>((resolve) => {
      let seen = { calls: -1, since: 0 };
      // Whether the worker has taken the property up: a worker that ends before it has, ended for the last one.
      let begun = false;
      const slot = this.slot;
      const watch = setInterval(() => {
        const state = readCallSlot(slot);
        if (state.active === 0) return;
        const now = Date.now();
        if (state.calls !== seen.calls) seen = { calls: state.calls, since: now };
        else if (now - seen.since > timeoutMs) {
          const call = this.names.get(state.active) ?? 'a call';
          finish({ result: stuckResult(planned, state, call, timeoutMs, startedAt, task.path) });
          this.kill();
        }
      }, WATCH_MS);
      const finish = (o: Outcome) => {
        clearInterval(watch);
        this.waiting = null;
        resolve(o);
      };
      this.waiting = (m) => {
        if (m.type === 'begun') begun = true;
        else if (m.type === 'result') {
          if (m.starts !== undefined) this.starts = { processes: this.starts.processes + m.starts.processes, ms: this.starts.ms + m.starts.ms };
          this.lastK = task.k;
          finish({ result: m.result, implementation: m.implementation });
        } else if (m.type === 'error') finish({ error: rebuilt(planned.property.name, m.error) });
        else if (m.type === 'gone') {
          if (this.stopped) finish({ error: new Error('stopped') });
          else if (!begun && this.lastK !== null) {
            // It ended before taking this property up: the last property's crash; this one runs on a fresh worker.
            this.endedAfter(m.why);
            clearInterval(watch);
            this.waiting = null;
            resolve(this.run(planned, task));
          } else finish({ result: brokenResult(planned, m.why, startedAt) });
        }
      };
      worker.postMessage(task satisfies ToWorker);
    });
  }

  /**
   * Once every property is checked: lets the worker run what its
   * implementation still has scheduled (at most `ms`), so that a crash it
   * causes reaches the property that scheduled it before the report is made.
   */
  async drain(ms: number): Promise<void> {
    const w = this.worker;
    if (w === null || this.stopped) return;
    await new Promise<void>((resolve) => {
      // A callback that never gives control back: the worker is stopped with the rest, and the report made without waiting for it.
      const timer = setTimeout(() => done(), ms + 1_000);
      const done = () => {
        clearTimeout(timer);
        this.waiting = null;
        resolve();
      };
      this.waiting = (m) => {
        if (m.type === 'drained') done();
        else if (m.type === 'gone') {
          this.endedAfter(m.why);
          done();
        }
      };
      w.postMessage({ type: 'drain', ms } satisfies ToWorker);
    });
  }

  private kill(): void {
    const w = this.worker;
    this.worker = null;
    this.endGroups();
    void w?.terminate();
  }

  /** A stopped worker cannot end the core processes it started: they are ended here. */
  private endGroups(): void {
    for (const pid of this.groups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.groups = [];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const w = this.worker;
    this.worker = null;
    this.endGroups();
    this.waiting?.({ type: 'gone', why: 'stopped' });
    await w?.terminate();
  }
}

/**
 * Runs the suite in worker threads, `jobs` properties at a time, and
 * reports in selection order: each property's seed comes from the run's
 * seed and its name, so the report is the same for any number of jobs.
 * The main thread keeps the clock, so a call that never returns costs its
 * property a TIMEOUT (and the thread), never the run.
 */
export function runInWorkers(opts: PoolOptions): PoolRun {
  const { plan, total } = planSuite(opts.seed, opts);
  const order = inReportOrder(plan, total, opts.onStart, opts.onResult);
  // Each result as reported, and what it became when its allocator crashed afterwards.
  const results: PropertyResult[] = [];
  const amended = new Map<PropertyResult, PropertyResult>();
  /** Crashes that came in before their property's result was recorded. */
  const early = new Map<number, LateCrash>();
  const late = (k: number, crash: LateCrash) => {
    const r = results[k];
    if (r === undefined) {
      if (!early.has(k)) early.set(k, crash);
    } else if (!amended.has(r)) amended.set(r, brokenLater(r, crash));
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(opts.jobs, plan.length)) }, () => new Lane(opts.setup, late));
  let name = opts.name;
  let next = 0;
  const drive = async (lane: Lane) => {
    while (next < plan.length) {
      const k = next++;
      const planned = plan[k]!;
      order.started(k);
      const o = await lane.run(planned, { type: 'check', k, property: planned.property.name, seed: planned.seed, numRuns: planned.numRuns, path: opts.path });
      if ('error' in o) {
        next = plan.length;
        throw o.error;
      }
      if (o.implementation !== undefined) name = o.implementation;
      results[k] = o.result;
      const crash = early.get(k);
      if (crash !== undefined) late(k, crash);
      order.finished(k, o.result);
    }
  };
  const report = (async () => {
    try {
      await Promise.all(lanes.map(drive));
      await Promise.all(lanes.map((l) => l.drain(DRAIN_MS)));
    } finally {
      await Promise.all(lanes.map((l) => l.stop()));
    }
    return suiteReport(name, opts.seed, order.results().map((r) => amended.get(r) ?? r));
  })();
  const startCost = () => lanes.reduce((sum, l) => ({ processes: sum.processes + l.starts.processes, ms: sum.ms + l.starts.ms }), { processes: 0, ms: 0 });
  return { report, stop: async () => void (await Promise.all(lanes.map((l) => l.stop()))), startCost };
}
