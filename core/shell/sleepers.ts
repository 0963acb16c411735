/**
 * KM_SLEEP callers the core could not serve yet. After every release each
 * waiter retries in arrival order; one that still cannot be served does not
 * hold back those behind it, so a release is never lost on a waiter that
 * needs more than it gave back.
 */
interface Waiter<T> {
  readonly attempt: () => T | null;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

export class Sleepers<T> {
  private waiters: Waiter<T>[] = [];

  wait(attempt: () => T | null): Promise<T> {
    return new Promise<T>((resolve, reject) => this.waiters.push({ attempt, resolve, reject }));
  }

  wake(): void {
    const still: Waiter<T>[] = [];
    for (const w of this.waiters) {
      let got: T | null;
      try {
        got = w.attempt();
      } catch (e) {
        // A core that throws while serving a sleeper crashes that caller, not the one releasing.
        w.reject(e);
        continue;
      }
      if (got === null) still.push(w);
      else w.resolve(got);
    }
    this.waiters = still;
  }
}
