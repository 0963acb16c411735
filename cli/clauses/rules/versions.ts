import { DDI_VERSIONS } from '../../../spec/constants/context';
import type { ServiceName } from '../../../spec/interface/implementation';
import { versionProblem, versionsOf } from '../../../spec/rules/version-rules';
import { isAixService, isLinuxService } from './contexts';
import { code } from './markdown';

/** One line: the DDI versions the service exists in, from spec/rules/version-rules.ts. */
export function versionLine(service: ServiceName): string {
  if (isAixService(service)) return 'DDI versions: none (an AIX kernel service).';
  if (isLinuxService(service)) return 'DDI versions: none (a Linux kernel service).';
  const ok = versionsOf(service, DDI_VERSIONS);
  const other = DDI_VERSIONS.find((v) => !ok.includes(v));
  const clause = other === undefined ? null : versionProblem(service, other);
  const outside = clause === null ? '' : ` Called by a driver of another version: report ${code(clause)}.`;
  return `DDI versions: ${ok.join(', ')}.${outside}`;
}
