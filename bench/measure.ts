import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/** A way to force a collection, so that heap figures measure what is held, not garbage. */
export function collectGarbage(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing !== undefined) return existing;
  // Without --expose-gc the heap figure is noisier but still indicative.
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
}

export function median(xs: ReadonlyArray<number>): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
