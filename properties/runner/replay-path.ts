import type { PropertyResult } from './result';

/*
 * A replay path names one node of fast-check's shrink tree for the seed.
 * A path that leads nowhere (mistyped, or printed for another property,
 * whose tree has another shape) must not look like a pass: fast-check
 * either throws (the path runs past a leaf) or checks nothing at all
 * (an index beyond a node's shrinks), and both are caught here.
 */

/** fast-check's error for a path that runs past the end of the shrink tree. */
export function isUnreplayablePath(e: unknown): boolean {
  return e instanceof Error && /Unable to replay, got wrong path/.test(e.message);
}

/** A replayed property that ran no input at all: the path named no counterexample. */
export function replayedNothing(r: PropertyResult): boolean {
  return r.status === 'PASS' && r.runs === 0;
}

export function noSuchCounterexample(property: string, replay: string): string {
  return `--replay ${replay}: property ${property} has no counterexample at that path (a replay only works with the property, seed and allocator that printed it)`;
}
