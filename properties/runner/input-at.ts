import fc from 'fast-check';
import type { AnyProperty } from '../types';
import { SETUP_SEED } from './run-property';
import { stringifyCounterexample } from './stringify';

/**
 * The input a property's run at `path` was given, generated again from the
 * seed without calling any allocator: for a run whose allocator never came
 * back, so that the report can still show what it was asked.
 */
export function inputAt(prop: AnyProperty, seed: number, path: string): string | undefined {
  let seen: unknown;
  let found = false;
  try {
    fc.check(
      fc.property(prop.arbitrary() as fc.Arbitrary<unknown>, SETUP_SEED, (input: unknown, _setupSeed: number) => {
        seen = input;
        found = true;
        return true;
      }),
      { seed, path, numRuns: 1 },
    );
  } catch {
    return undefined;
  }
  return found ? stringifyCounterexample(seen) : undefined;
}
