import fc from 'fast-check';

const EVERY_MS = 20;

/**
 * An in-process allocator usually answers at once, so a whole property can
 * run as one chain of promise callbacks that never lets the event loop
 * turn, and a Ctrl-C waits for the property to end. fast-check's global
 * hook before each run (shrinks included) gives the loop a turn every few
 * milliseconds, between runs only, where no allocator call is in flight, so
 * no timing a property judges is changed. Returns the function restoring
 * the previous global settings.
 */
export function breatheBetweenRuns(): () => void {
  const previous = fc.readConfigureGlobal();
  let last = performance.now();
  const asyncBeforeEach = async (): Promise<void> => {
    await previous.asyncBeforeEach?.();
    if (performance.now() - last < EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
  fc.configureGlobal({ ...previous, asyncBeforeEach });
  return () => fc.configureGlobal(previous);
}
