import fc from 'fast-check';
import type { Driver } from '../harness/driver';
import { ClauseFailure } from '../harness/failures';
import { TailTrace } from '../harness/tail-trace';
import type { ConformanceProperty, Family, PropertyStrength } from '../types';

/** One member of a finite space the documents judge, with a name a failure can quote. */
export interface Case<I> {
  readonly label: string;
  readonly input: I;
}

export interface EnumeratedSpec<I> {
  readonly name: string;
  readonly clauses: ReadonlyArray<string>;
  readonly families: ReadonlyArray<Family>;
  readonly strength?: PropertyStrength;
  readonly cases: ReadonlyArray<Case<I>>;
  check(d: Driver, input: I): Promise<void>;
}

/** A failure's own text without the ` [clause]` suffix ClauseFailure appends. */
function bareMessage(e: ClauseFailure): string {
  const suffix = ` [${e.clause}]`;
  return e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
}

/**
 * A property over a finite space: one run checks every case, so every seed
 * covers the whole space rather than a sample of it. Cases run with a silent
 * trace; the first that fails is run once more on the recorded trace, so the
 * report shows that case alone, and its message names the case. A case that
 * crashes shows the last calls of its silent run instead.
 */
export function enumeratedProperty<I>(spec: EnumeratedSpec<I>): ConformanceProperty<null> {
  return {
    name: spec.name,
    clauses: spec.clauses,
    families: spec.families,
    strength: spec.strength ?? 'MUST',
    runs: 1,
    arbitrary: () => fc.constant(null),
    async run(d) {
      for (const c of spec.cases) {
        const tail = new TailTrace();
        try {
          await spec.check(d.silent(tail), c.input);
        } catch (first) {
          d.trace.add(`case ${c.label}:`);
          // A crash or a hang is not run again (a second hang would double the wait): its last calls show instead.
          if (!(first instanceof ClauseFailure)) {
            for (const line of tail.toLines()) d.trace.add(line);
            throw first;
          }
          try {
            await spec.check(d, c.input);
          } catch (again) {
            throw named(again, c.label);
          }
          throw named(first, c.label);
        }
      }
    },
  };
}

function named(e: unknown, label: string): unknown {
  return e instanceof ClauseFailure ? new ClauseFailure(e.clause, `case ${label}: ${bareMessage(e)}`) : e;
}
