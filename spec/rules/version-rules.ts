import { ddiMajor, type DdiVersion } from '../constants/context';
import type { ServiceName } from '../interface/implementation';

/**
 * Which DDI versions a service exists in, and the clause that says so.
 * Services not listed exist in every version (and AIX has no DDI).
 */
interface VersionRule {
  readonly majors: ReadonlyArray<number>;
  readonly clause: string;
}

const RULES: Partial<Record<ServiceName, VersionRule>> = {
  kmem_alloc_physcontig: { majors: [5, 6], clause: 'kmem_alloc_physcontig.ddi-version' },
  kmem_free_physcontig: { majors: [5, 6], clause: 'kmem_alloc_physcontig.ddi-version' },
  kmem_alloc_physreq: { majors: [7, 8], clause: 'kmem_alloc_physreq.ddi-version' },
  kmem_zalloc_physreq: { majors: [7, 8], clause: 'kmem_alloc_physreq.ddi-version' },
  kmem_alloc_phys: { majors: [8], clause: 'kmem_alloc_phys.ddi-version' },
};

/** null when the service exists for a driver of this version, else the clause it breaks. */
export function versionProblem(service: ServiceName, version: DdiVersion): string | null {
  const rule = RULES[service];
  if (rule === undefined) return null;
  return rule.majors.includes(ddiMajor(version)) ? null : rule.clause;
}

/** DDI versions in which the service exists. */
export function versionsOf(service: ServiceName, all: ReadonlyArray<DdiVersion>): DdiVersion[] {
  return all.filter((v) => versionProblem(service, v) === null);
}
