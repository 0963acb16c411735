import type { AnyProperty } from '../types';
import type { PropertyResult } from './result';

/** One property of a suite as it will run: its place in the selection and its own seed and run count. */
export interface PlannedProperty {
  readonly property: AnyProperty;
  /** Its place among the selected properties (a shard may skip some). */
  readonly index: number;
  readonly seed: number;
  readonly numRuns: number;
}

export interface ReportOrder {
  readonly started: (k: number) => void;
  readonly finished: (k: number, r: PropertyResult) => void;
  /** The results so far, in plan order, up to the first property still running. */
  readonly results: () => PropertyResult[];
}

/**
 * Hands properties run in any order to onStart/onResult in the plan's
 * order, so progress and reports read the same whatever the number of jobs:
 * a property is announced once all before it have reported.
 */
export function inReportOrder(
  plan: ReadonlyArray<PlannedProperty>,
  total: number,
  onStart?: (p: AnyProperty, index: number, total: number) => void,
  onResult?: (r: PropertyResult, index: number, total: number) => void,
): ReportOrder {
  const isStarted: boolean[] = [];
  const done: Array<PropertyResult | undefined> = [];
  const reported: PropertyResult[] = [];
  let head = 0;
  let announced = false;
  const announce = () => {
    if (announced || head >= plan.length || !isStarted[head]) return;
    announced = true;
    onStart?.(plan[head]!.property, plan[head]!.index, total);
  };
  return {
    started: (k) => {
      isStarted[k] = true;
      announce();
    },
    finished: (k, r) => {
      done[k] = r;
      isStarted[k] = true;
      while (head < plan.length && done[head] !== undefined) {
        announce();
        const r = done[head]!;
        reported.push(r);
        onResult?.(r, plan[head]!.index, total);
        head++;
        announced = false;
      }
      announce();
    },
    results: () => reported.slice(),
  };
}
