import type fc from 'fast-check';
import type { Family } from '../spec/interface/implementation';
import type { Driver } from './harness/driver';

export type PropertyStrength = 'MUST' | 'SHOULD';

/**
 * One executable check. It names the clauses it judges; `run` drives any
 * implementation (through the Driver) on one generated input and throws a
 * ClauseFailure naming the clause broken.
 */
export interface ConformanceProperty<T = unknown> {
  /** Stable name: `<family>.<topic>`. */
  readonly name: string;
  readonly clauses: ReadonlyArray<string>;
  /** Families the implementation must provide; otherwise the property is UNSUPPORTED. */
  readonly families: ReadonlyArray<Family>;
  readonly strength: PropertyStrength;
  /** Runs at the default budget (before any scaling). */
  readonly runs: number;
  arbitrary(): fc.Arbitrary<T>;
  run(d: Driver, input: T): Promise<void>;
}

export type AnyProperty = ConformanceProperty<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type { Family };
