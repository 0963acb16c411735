import type { Context, DdiVersion } from '../../spec/constants/context';
import { ContractViolation } from '../../spec/errors';
import type { ServiceName } from '../../spec/interface/implementation';
import { contextVerdict } from '../../spec/rules/context-rules';
import { versionProblem } from '../../spec/rules/version-rules';

/**
 * Checks made before anything changes, so a refused call leaves the core
 * untouched. Like the reference, the shell takes the strict reading: it
 * reports what the documents forbid and what they leave unjudged.
 */
export function checkVersion(service: ServiceName, version: DdiVersion): void {
  const clause = versionProblem(service, version);
  if (clause !== null) throw new ContractViolation(service, clause, `does not exist for a DDI ${version} driver`);
}

export function checkContext(service: ServiceName, ctx: Context, flag?: number): void {
  const verdict = contextVerdict(service, ctx, flag);
  if (verdict.kind !== 'allowed') {
    throw new ContractViolation(service, verdict.clause, `may not be called from ${ctx} context${flag === undefined ? '' : ' with this flag'}`);
  }
}

export function violation(service: ServiceName, clause: string, detail: string): never {
  throw new ContractViolation(service, clause, detail);
}
