import type { Context } from '../../spec/constants/context';
import { isContractViolation } from '../../spec/errors';
import type { DmaImplementation, Parked, Probe, ServiceName } from '../../spec/interface/implementation';
import { crashOf, onBehalfOf, type ExitWatch } from './exit-guard';
import { ImplementationCrash, ImplementationHang, PropertyOverrun, isFatal, isTimeout } from './failures';
import { garbageIn } from './garbage';
import { formatArgs, formatValue } from './format';
import type { Outcome, Settled } from './outcome';
import { isPromiseLike, settleWithin } from './settle';
import { Trace } from './trace';

export interface DriverOptions {
  /** How long a call may take before the allocator is taken to hang. */
  readonly timeoutMs: number;
  /** How long a call that may legitimately wait is given before it counts as waiting. */
  readonly graceMs: number;
  /**
   * The wake-up deadline: how long a sleeping caller may stay asleep once
   * the allocator could meet its request (a kernel makes a sleeper runnable
   * and runs it later, so this is a limit, not an instant). Paid only when
   * a sleeper is still asleep while its request could be met.
   */
  readonly wakeMs: number;
}

export const IN_PROCESS_TIMING: DriverOptions = { timeoutMs: 5_000, graceMs: 40, wakeMs: 500 };
/** A subprocess answers through pipes: give it longer before a call counts as waiting. */
export const SUBPROCESS_TIMING: DriverOptions = { timeoutMs: 10_000, graceMs: 250, wakeMs: 2_000 };

/** Whether a call's `parked` has already said it is parked. */
async function saidParked(p: Partial<Parked>): Promise<boolean> {
  return p.parked === undefined ? false : Promise.race([p.parked, Promise.resolve(false)]);
}

/** Services whose answer is an id the implementation chose. */
const ISSUES_IDS: ReadonlySet<ServiceName> = new Set(['d_map_init', 'physreq_alloc']);

/**
 * Calls an allocator on the properties' behalf: records every call in the
 * trace, turns reported violations into outcomes, and turns crashes and
 * hangs into errors that end the run as BROKEN or TIMEOUT.
 */
export class Driver {
  private waits = 0;
  /**
   * Where an in-process implementation's request to exit the process, or an
   * error it threw where no call could catch it, is noted (runProperty
   * intercepts exits; the worker thread hears uncaught errors). runProperty
   * gives each run its own, answering to the property's.
   */
  exits: ExitWatch = {};
  /** When the property must stop (Date.now() milliseconds): a call or observation after it ends the run as TIMEOUT. */
  deadline = Infinity;
  /** Every handle and physreq id handed out in this run, so a made-up one can avoid them all. */
  readonly issued = new Set<number>();

  constructor(
    readonly impl: DmaImplementation,
    readonly trace: Trace = new Trace(),
    readonly options: DriverOptions = IN_PROCESS_TIMING,
    /** Handed to the allocator's setup: drawn afresh for every run. */
    readonly setupSeed = 1,
  ) {}

  /** A driver on the same implementation and run with a silent trace (for runs nobody will read), sharing its watch and deadline. */
  silent(trace: Trace = new Trace(0)): Driver {
    const d = new Driver(this.impl, trace, this.options, this.setupSeed);
    d.exits = this.exits;
    d.deadline = this.deadline;
    return d;
  }

  has(service: ServiceName): boolean {
    return typeof this.impl[service] === 'function';
  }

  /**
   * One service call. With `mayWait`, a call still running after the grace
   * period comes back as `pending`; otherwise it must finish within the timeout.
   */
  async call<T>(service: ServiceName, ctx: Context, args: ReadonlyArray<unknown>, mayWait = false): Promise<Outcome<T>> {
    const o = await this.callOnce<T>(service, ctx, args, mayWait);
    if (ISSUES_IDS.has(service) && o.kind === 'value' && typeof o.value === 'number') this.issued.add(o.value);
    return o;
  }

  private async callOnce<T>(service: ServiceName, ctx: Context, args: ReadonlyArray<unknown>, mayWait: boolean): Promise<Outcome<T>> {
    const label = this.trace.enabled ? `[${ctx}] ${formatArgs(service, args)}` : service;
    this.checkDeadline(label);
    const fn = this.impl[service] as ((...a: unknown[]) => unknown) | undefined;
    if (fn === undefined) throw new ImplementationCrash(label, new Error(`the implementation has no ${service}`));
    let raw: unknown;
    try {
      raw = onBehalfOf(this.exits, () => fn.call(this.impl, ctx, ...args));
    } catch (e) {
      return this.thrown(label, e);
    }
    if (!isPromiseLike(raw)) return this.returned(label, service, raw as T);
    const place = this.trace.add(`${label} -> ...`);
    const grace = mayWait ? this.options.graceMs : this.options.timeoutMs;
    let s = await settleWithin(raw as Promise<T>, grace);
    const probe = (raw as Partial<Probe>).probe;
    if (s.state === 'pending' && mayWait && typeof probe === 'function' && !(await saidParked(raw as Partial<Parked>))) {
      // No answer yet through a pipe: parked, or only slow. The process says which; a slow answer is waited for.
      s = await settleWithin(Object.assign((raw as Promise<T>).then((v) => v), { parked: probe() } satisfies Parked), this.options.timeoutMs - grace);
    }
    if (s.state === 'fulfilled') return this.returned(label, service, s.value, place);
    if (s.state === 'rejected') return this.thrown(label, s.reason, place);
    this.checkExits(label);
    if (!mayWait) throw new ImplementationHang(label, this.options.timeoutMs);
    const id = ++this.waits;
    this.trace.complete(place, `${label} -> waiting (#${id})`);
    const later = (raw as Promise<T>).then(
      (value): Settled<T> => {
        this.trace.add(`  #${id} woke -> ${formatValue(value)}`);
        const garbage = garbageIn(service, value);
        const crash = crashOf(this.exits);
        if (crash !== undefined) return { kind: 'error', error: new ImplementationCrash(label, crash) };
        if (garbage !== null) return { kind: 'error', error: new ImplementationCrash(label, new Error(garbage)) };
        return { kind: 'value', value };
      },
      (e: unknown): Settled<T> => {
        const crash = crashOf(this.exits);
        if (crash !== undefined) return { kind: 'error', error: new ImplementationCrash(label, crash) };
        if (isContractViolation(e)) return { kind: 'violation', clause: e.clause, message: e.message };
        return { kind: 'error', error: new ImplementationCrash(label, e) };
      },
    );
    return { kind: 'pending', later };
  }

  private checkDeadline(label: string): void {
    if (Date.now() > this.deadline) throw new PropertyOverrun(label);
  }

  /**
   * An exit requested by the implementation, or an error it threw where no
   * call could catch it, is a crash wherever it happened (a timer it set, a
   * waiter it woke), even when it caught the error that stopped it: the call
   * that notices it is blamed.
   */
  checkExits(label: string): void {
    const crash = crashOf(this.exits);
    if (crash !== undefined) throw new ImplementationCrash(label, crash);
  }

  /** An observation (translate, read, write, heapOf): no context, must answer within the timeout. */
  async observe<T>(name: string, run: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    this.checkDeadline(name);
    try {
      const raw = onBehalfOf(this.exits, run);
      if (!isPromiseLike(raw)) {
        this.checkExits(name);
        return { ok: true, value: raw as T };
      }
      const s = await settleWithin(raw as Promise<T>, this.options.timeoutMs);
      this.checkExits(name);
      if (s.state === 'fulfilled') return { ok: true, value: s.value };
      if (s.state === 'rejected') throw s.reason;
      throw new ImplementationHang(name, this.options.timeoutMs);
    } catch (e) {
      if (e instanceof ImplementationHang || e instanceof ImplementationCrash || e instanceof PropertyOverrun) throw e;
      const crash = crashOf(this.exits);
      if (crash !== undefined) throw new ImplementationCrash(name, crash);
      if (isTimeout(e)) throw new ImplementationHang(name, this.options.timeoutMs);
      if (isFatal(e)) throw new ImplementationCrash(name, e);
      return { ok: false, error: e };
    }
  }

  private returned<T>(label: string, service: ServiceName, value: T, place = -1): Outcome<T> {
    if (this.trace.enabled) this.trace.complete(place, `${label} -> ${formatValue(value)}`);
    this.checkExits(label);
    const garbage = garbageIn(service, value);
    if (garbage !== null) throw new ImplementationCrash(label, new Error(garbage));
    return { kind: 'value', value };
  }

  private thrown<T>(label: string, e: unknown, place = -1): Outcome<T> {
    if (isContractViolation(e) && crashOf(this.exits) === undefined) {
      this.trace.complete(place, `${label} -> violation ${e.clause}`);
      return { kind: 'violation', clause: e.clause, message: e.message };
    }
    this.trace.complete(place, `${label} -> threw`);
    this.checkExits(label);
    if (isTimeout(e)) throw new ImplementationHang(label, this.options.timeoutMs);
    throw new ImplementationCrash(label, e);
  }
}
