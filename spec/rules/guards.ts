import type { Context, DdiVersion } from '../constants/context';
import { ContractViolation } from '../errors';
import type { ServiceName } from '../interface/implementation';
import { contextVerdict } from './context-rules';
import { versionProblem } from './version-rules';

/**
 * The checks a service makes before touching state, so that a refused call
 * changes nothing, shared by the reference and the placement-core shell.
 * Both take the strict reading: they report calls the documents forbid and
 * those they leave unjudged.
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
