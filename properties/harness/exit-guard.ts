import { AsyncLocalStorage } from 'node:async_hooks';

/** An in-process implementation asked to end the process: what a real kernel service would call a crash. */
export class ExitCalled extends Error {
  constructor(readonly code: unknown) {
    super(`called process.exit(${code === undefined ? '' : String(code)})`);
    this.name = 'ExitCalled';
  }
}

/** What one driver saw its implementation do to the process. */
export interface ExitWatch {
  exited?: ExitCalled;
}

const inside = new AsyncLocalStorage<ExitWatch>();
let guards = 0;
let original: typeof process.exit | undefined;

/**
 * An exit requested from code that runs on an implementation's behalf (its
 * call, or anything that call scheduled) is turned into an error and noted on
 * the watch, so the run goes on and the property reports the crash. Any
 * other exit (a second Ctrl-C, say) goes through untouched.
 */
function guardedExit(this: unknown, code?: unknown): never {
  const watch = inside.getStore();
  if (watch === undefined) return original!.call(process, code as number);
  const e = new ExitCalled(code);
  watch.exited ??= e;
  throw e;
}

/** Intercepts process.exit until the returned function is called; nested guards share one interception. */
export function guardExits(): () => void {
  if (guards++ === 0) {
    original = process.exit;
    process.exit = guardedExit as typeof process.exit;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--guards === 0) {
      process.exit = original!;
      original = undefined;
    }
  };
}

/** Runs implementation code so that an exit it requests, now or in what it schedules, lands on `watch`. */
export function onBehalfOf<T>(watch: ExitWatch, run: () => T): T {
  return inside.run(watch, run);
}
