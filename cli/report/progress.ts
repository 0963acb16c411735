import type { AnyProperty } from '../../properties';
import type { PropertyResult } from '../../properties/runner/result';
import type { Io } from '../io';

const CLEAR = '\r\x1b[K';

/**
 * Progress for a person at a terminal: the property running overwrites the
 * line, and a property that does not pass leaves a line behind. Off when
 * stderr is not a terminal, where it would only clutter a CI log.
 */
export function progress(io: Io): { onStart: (p: AnyProperty, i: number, n: number) => void; onResult: (r: PropertyResult, i: number, n: number) => void; done: () => void } {
  if (!io.stderrIsTTY) return { onStart: () => undefined, onResult: () => undefined, done: () => undefined };
  return {
    onStart: (p, i, n) => io.stderr(`${CLEAR}[${i + 1}/${n}] ${p.name} ...`),
    onResult: (r, i, n) => {
      if (r.status !== 'PASS') io.stderr(`${CLEAR}[${i + 1}/${n}] ${r.property} ${r.status}${r.failure?.clause ? ` [${r.failure.clause}]` : ''}\n`);
    },
    done: () => io.stderr(CLEAR),
  };
}
