import type { Context } from '../../spec/constants/context';
import { isContractViolation } from '../../spec/errors';
import type { DmaImplementation, ServiceName } from '../../spec/interface/implementation';
import { ImplementationCrash, ImplementationHang, isFatal, isTimeout } from './failures';
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

/**
 * Calls an allocator on the properties' behalf: records every call in the
 * trace, turns reported violations into outcomes, and turns crashes and
 * hangs into errors that end the run as BROKEN or TIMEOUT.
 */
/** Services whose answer is an id the implementation chose. */
const ISSUES_IDS: ReadonlySet<ServiceName> = new Set(['d_map_init', 'physreq_alloc']);

export class Driver {
  private waits = 0;
  /** Every handle and physreq id handed out in this run, so a made-up one can avoid them all. */
  readonly issued = new Set<number>();

  constructor(
    readonly impl: DmaImplementation,
    readonly trace: Trace = new Trace(),
    readonly options: DriverOptions = IN_PROCESS_TIMING,
    /** Handed to the allocator's setup: drawn afresh for every run. */
    readonly setupSeed = 1,
  ) {}

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
    const fn = this.impl[service] as ((...a: unknown[]) => unknown) | undefined;
    if (fn === undefined) throw new ImplementationCrash(label, new Error(`the implementation has no ${service}`));
    let raw: unknown;
    try {
      raw = fn.call(this.impl, ctx, ...args);
    } catch (e) {
      return this.thrown(label, e);
    }
    if (!isPromiseLike(raw)) return this.returned(label, raw as T);
    const place = this.trace.add(`${label} -> ...`);
    const s = await settleWithin(raw as Promise<T>, mayWait ? this.options.graceMs : this.options.timeoutMs);
    if (s.state === 'fulfilled') return this.returned(label, s.value, place);
    if (s.state === 'rejected') return this.thrown(label, s.reason, place);
    if (!mayWait) throw new ImplementationHang(label, this.options.timeoutMs);
    const id = ++this.waits;
    this.trace.complete(place, `${label} -> waiting (#${id})`);
    const later = (raw as Promise<T>).then(
      (value): Settled<T> => {
        this.trace.add(`  #${id} woke -> ${formatValue(value)}`);
        return { kind: 'value', value };
      },
      (e: unknown): Settled<T> => {
        if (isContractViolation(e)) return { kind: 'violation', clause: e.clause, message: e.message };
        return { kind: 'error', error: new ImplementationCrash(label, e) };
      },
    );
    return { kind: 'pending', later };
  }

  /** An observation (translate, read, write, heapOf): no context, must answer within the timeout. */
  async observe<T>(name: string, run: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    try {
      const raw = run();
      if (!isPromiseLike(raw)) return { ok: true, value: raw as T };
      const s = await settleWithin(raw as Promise<T>, this.options.timeoutMs);
      if (s.state === 'fulfilled') return { ok: true, value: s.value };
      if (s.state === 'rejected') throw s.reason;
      throw new ImplementationHang(name, this.options.timeoutMs);
    } catch (e) {
      if (e instanceof ImplementationHang) throw e;
      if (isTimeout(e)) throw new ImplementationHang(name, this.options.timeoutMs);
      if (isFatal(e)) throw new ImplementationCrash(name, e);
      return { ok: false, error: e };
    }
  }

  private returned<T>(label: string, value: T, place = -1): Outcome<T> {
    if (this.trace.enabled) this.trace.complete(place, `${label} -> ${formatValue(value)}`);
    return { kind: 'value', value };
  }

  private thrown<T>(label: string, e: unknown, place = -1): Outcome<T> {
    if (isContractViolation(e)) {
      this.trace.complete(place, `${label} -> violation ${e.clause}`);
      return { kind: 'violation', clause: e.clause, message: e.message };
    }
    this.trace.complete(place, `${label} -> threw`);
    if (isTimeout(e)) throw new ImplementationHang(label, this.options.timeoutMs);
    throw new ImplementationCrash(label, e);
  }
}
