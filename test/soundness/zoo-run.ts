import type { DmaImplementation } from '../../spec/interface/implementation';
import { describeFailure } from '../../properties/runner/describe-result';
import type { PropertyResult } from '../../properties/runner/result';
import { runSuite } from '../../properties/runner/run-suite';

/** One member's run at one seed: what did not pass, and why. */
export interface ZooRun {
  readonly member: string;
  readonly seed: number;
  readonly budget: number;
  readonly passed: number;
  readonly unsupported: number;
  /** Properties that failed, timed out or broke, each described on one line. */
  readonly problems: ReadonlyArray<string>;
  readonly ms: number;
}

/**
 * Runs the whole suite on a fresh instance per property. A property is only
 * allowed to be UNSUPPORTED when the member lacks a family it needs.
 */
export async function runZoo(member: string, create: () => DmaImplementation | Promise<DmaImplementation>, seed: number, budget = 1): Promise<ZooRun> {
  const started = Date.now();
  const report = await runSuite(create, { seed, budget });
  const families = (await create()).families;
  const bad = (r: PropertyResult) => r.status === 'FAIL' || r.status === 'TIMEOUT' || r.status === 'BROKEN';
  const wronglyUnsupported = (r: PropertyResult) => r.status === 'UNSUPPORTED' && (r.reason === undefined || families.length === 4);
  const problems = report.results.filter((r) => bad(r) || wronglyUnsupported(r)).map((r) => `${r.property} ${r.status}: ${describeFailure(r).split('\n').slice(0, 2).join(' /').trim()}`);
  return {
    member,
    seed,
    budget,
    passed: report.summary.PASS,
    unsupported: report.summary.UNSUPPORTED,
    problems,
    ms: Date.now() - started,
  };
}
