import type { Parked } from '../../../spec/interface/implementation';

/**
 * Callers waiting under KM_SLEEP. After every release the queue is walked in
 * arrival order and each waiter whose request can now be met is served; a
 * waiter that still cannot be met does not hold back those behind it (no
 * head-of-line blocking), so the oldest satisfiable request always wins.
 */
const PARKED: Promise<boolean> = Promise.resolve(true);

/** Marks the promise of a call that waits in a queue now. */
export function parkedAs<T>(p: Promise<T>): Promise<T> & Parked {
  return Object.assign(p, { parked: PARKED });
}

interface Waiter<T> {
  readonly attempt: () => T | null;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

export class SleepQueue<T> {
  private waiters: Waiter<T>[] = [];

  get length(): number {
    return this.waiters.length;
  }

  /**
   * Queues a caller. What it returns, and any promise made from it with
   * `parkedAs`, carries `parked` (settled true): the caller is known to wait,
   * so the suite need not wait out a grace period to learn it.
   */
  wait(attempt: () => T | null): Promise<T> & Parked {
    return parkedAs(
      new Promise<T>((resolve, reject) => {
        this.waiters.push({ attempt, resolve, reject });
      }),
    );
  }

  /** Serves every waiter that can be served now (at most `most` of them); returns how many were woken. */
  wake(most = Infinity): number {
    if (this.waiters.length === 0) return 0;
    const still: Waiter<T>[] = [];
    let woken = 0;
    for (const w of this.waiters) {
      let got: T | null;
      try {
        got = woken < most ? w.attempt() : null;
      } catch (e) {
        // A core that throws while serving a sleeper crashes that caller, not the one releasing.
        w.reject(e);
        continue;
      }
      if (got === null) still.push(w);
      else {
        w.resolve(got);
        woken++;
      }
    }
    this.waiters = still;
    return woken;
  }

  /** Forgets every waiter (setup starts afresh); their promises never settle, as a sleeper in a rebooted kernel. */
  clear(): void {
    this.waiters = [];
  }
}
