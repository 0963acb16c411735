import { CLAUSES, type Clause } from '../../../spec/clauses';
import { FAMILIES, FAMILY_SERVICES, type ServiceName } from '../../../spec/interface/implementation';
import { contextTable } from './contexts';
import { code, mdTable } from './markdown';
import { placementTable } from './placement';
import { versionLine } from './versions';

/** physreq_set is the suite's stand-in for a driver storing into the structure, not a kernel service. */
const SERVICES: ReadonlyArray<ServiceName> = [...new Set(FAMILIES.flatMap((f) => FAMILY_SERVICES[f]))].filter((s) => s !== 'physreq_set');

const CALLER_KINDS: ReadonlyArray<Clause['kind']> = ['precondition', 'context', 'version'];

function reading(c: Clause): string {
  return c.ambiguity === undefined ? '' : ` *Reading:* ${c.ambiguity.interpretation}`;
}

/** The caller's rules (what to report as a violation) apart from what a conforming answer must be. */
export function clauseTables(clauses: ReadonlyArray<Clause>): string[] {
  const caller = clauses.filter((c) => CALLER_KINDS.includes(c.kind));
  const answer = clauses.filter((c) => !CALLER_KINDS.includes(c.kind));
  const rows = (cs: ReadonlyArray<Clause>) => cs.map((c) => [code(c.id), c.strength, c.paraphrase + reading(c)]);
  const out: string[] = [];
  if (caller.length > 0) out.push('Rules for the caller; a call that breaks one may be answered with a violation naming the clause:', '', ...mdTable(['Clause', 'Strength', 'Rule'], rows(caller)), '');
  if (answer.length > 0) out.push('What the answer must be:', '', ...mdTable(['Clause', 'Strength', 'Outcome'], rows(answer)), '');
  return out;
}

export function serviceSection(service: ServiceName): string[] {
  const families = FAMILIES.filter((f) => FAMILY_SERVICES[f].includes(service));
  const placement = placementTable(service);
  return [
    `### ${service}`,
    '',
    `Families: ${families.map(code).join(', ')}. ${versionLine(service)}`,
    '',
    ...contextTable(service),
    '',
    ...clauseTables(CLAUSES.filter((c) => c.service === service)),
    ...(placement.length > 0 ? [...placement, ''] : []),
  ];
}

export function serviceSections(): string[] {
  return SERVICES.flatMap(serviceSection);
}

/** Clauses filed under a topic rather than one service (physreq, svr5, dma). */
export function topicSections(): string[] {
  const topics = [...new Set(CLAUSES.map((c) => c.service))].filter((s) => !(SERVICES as ReadonlyArray<string>).includes(s));
  return topics.flatMap((t) => [`### ${t}`, '', ...clauseTables(CLAUSES.filter((c) => c.service === t))]);
}
