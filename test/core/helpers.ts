import type { PlacementCore } from '../../core/contract';
import { CoreShell } from '../../core/shell/core-shell';
import { allProperties } from '../../properties';
import { describeFailure } from '../../properties/runner/describe-result';
import { runSuite, type SuiteReport } from '../../properties/runner/run-suite';
import type { AnyProperty } from '../../properties/types';

export function coreProperties(): AnyProperty[] {
  return allProperties();
}

export async function runCore(create: () => PlacementCore, seed: number, budget: number, properties = coreProperties()): Promise<SuiteReport> {
  return runSuite(() => new CoreShell(create()), { seed, budget, properties });
}

/** The failures of MUST properties, written out in full for the test message. */
export function mustFailures(report: SuiteReport): string[] {
  return report.results.filter((r) => r.strength === 'MUST' && r.status !== 'PASS' && r.status !== 'UNSUPPORTED').map(describeFailure);
}
