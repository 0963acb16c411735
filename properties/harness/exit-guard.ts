import { AsyncLocalStorage } from 'node:async_hooks';
import { describeThrown } from './failures';

/** An in-process implementation asked to end the process: what a real kernel service would call a crash. */
export class ExitCalled extends Error {
  constructor(
    readonly code: unknown,
    /** Requested while one of the implementation's calls ran, rather than from something it scheduled. */
    readonly inCall = false,
  ) {
    super(`called process.exit(${code === undefined ? '' : String(code)})`);
    this.name = 'ExitCalled';
  }
}

/**
 * An error the implementation threw where none of the suite's calls could
 * catch it: in a timer, an immediate or a callback it scheduled. Whoever
 * hears uncaught errors (the worker thread running the implementation)
 * notes it on the watch the callback ran under.
 */
export class UncaughtCrash extends Error {
  constructor(readonly error: unknown) {
    super(`${error instanceof Error ? error.message.split('\n')[0] : describeThrown(error)} (uncaught: thrown later, in a callback the allocator scheduled)`);
    this.name = error instanceof Error ? error.name : 'Error';
  }
}

/** What one driver (a run), or one property, saw its implementation do to the process. */
export interface ExitWatch {
  exited?: ExitCalled;
  uncaught?: UncaughtCrash;
  /** The first crash noted here, whichever kind. */
  first?: ExitCalled | UncaughtCrash;
  /** The watch the first crash was noted on: this one, or one below it (a run's, when this is its property's). */
  origin?: ExitWatch;
  /** The watch this one answers to: a run's watch answers to its property's, so what lands on the run lands there too. */
  readonly parent?: ExitWatch;
  /** A call made through onBehalfOf is running now (its synchronous part). */
  busy?: boolean;
}

const inside = new AsyncLocalStorage<ExitWatch>();
/** The interceptors installed, each around the process.exit it found. */
const ours = new WeakSet<object>();

/**
 * Notes a crash on the watch it happened under and on those it answers to.
 * An exit inside a call stays with its run, whose call reports it (as one
 * that threw, which is how a run set aside while shrinking leaves it).
 */
function noted(watch: ExitWatch, crash: ExitCalled | UncaughtCrash): void {
  const reach = crash instanceof ExitCalled && crash.inCall ? 1 : Infinity;
  let depth = 0;
  for (let w: ExitWatch | undefined = watch; w !== undefined && depth < reach; w = w.parent, depth++) {
    if (crash instanceof ExitCalled) w.exited ??= crash;
    else w.uncaught ??= crash;
    if (w.first === undefined) {
      w.first = crash;
      w.origin = watch;
    }
  }
}

/**
 * An exit requested from code that runs on an implementation's behalf (its
 * call, or anything that call scheduled) is turned into an error and noted on
 * the watch, so the run goes on and the property reports the crash. Any
 * other exit (a second Ctrl-C, say) goes through untouched.
 */
function interceptor(original: typeof process.exit): typeof process.exit {
  const exit = (code?: unknown): never => {
    const watch = inside.getStore();
    if (watch === undefined) return original.call(process, code as number);
    const e = new ExitCalled(code, watch.busy === true);
    noted(watch, e);
    throw e;
  };
  ours.add(exit);
  return exit as typeof process.exit;
}

/**
 * Intercepts process.exit on implementations' behalf (see interceptor).
 * Once installed the interception stays: a timer an implementation set
 * that fires after its property has ended must still fail loudly (an
 * uncaught ExitCalled, which the worker thread pins on that property)
 * instead of quietly ending the process with the status it chose. Exits
 * from anything else behave as before. The function returned, for callers
 * that pair the guard with their work, does nothing.
 */
export function guardExits(): () => void {
  if (!ours.has(process.exit)) process.exit = interceptor(process.exit);
  return () => undefined;
}

/** Runs implementation code so that an exit it requests, now or in what it schedules, lands on `watch`. */
export function onBehalfOf<T>(watch: ExitWatch, run: () => T): T {
  const was = watch.busy;
  watch.busy = true;
  try {
    return inside.run(watch, run);
  } finally {
    watch.busy = was;
  }
}

/** The watch of the code running now (an uncaught error's, in an `uncaughtException` listener), if it runs on an implementation's behalf. */
export function watchingNow(): ExitWatch | undefined {
  return inside.getStore();
}

/** The outermost watch `watch` answers to (a run's property's). */
export function rootOf(watch: ExitWatch): ExitWatch {
  let w = watch;
  while (w.parent !== undefined) w = w.parent;
  return w;
}

/**
 * Notes an error nobody caught, thrown by code running on `watch`'s behalf.
 * An exit the guard turned into an error was noted when it was requested.
 */
export function noteUncaught(watch: ExitWatch, error: unknown): void {
  if (error instanceof ExitCalled && watch.exited === error) return;
  noted(watch, new UncaughtCrash(error));
}

/** The first crash noted on a watch, if any. */
export function crashOf(watch: ExitWatch): ExitCalled | UncaughtCrash | undefined {
  return watch.first;
}

/** A crash noted outside the implementation's calls, for a report: what it did. */
export function describeCrash(crash: ExitCalled | UncaughtCrash): string {
  return crash instanceof ExitCalled ? crash.message : `threw ${describeThrown(crash.error)}`;
}
