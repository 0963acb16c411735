import { AIX_CLAUSES } from './aix';
import { GENERAL_CLAUSES } from './general';
import { LINUX_CLAUSES } from './linux';
import { PHYSCONTIG_CLAUSES } from './svr5-physcontig';
import { PHYSREQ_CLAUSES } from './svr5-physreq';
import { SUCCESSOR_CLAUSES } from './svr5-successors';
import type { Clause } from './types';

export type { Ambiguity, Clause, ClauseKind, ClauseSource, SourceDocument, Strength } from './types';

/** Every clause, in catalogue order. */
export const CLAUSES: ReadonlyArray<Clause> = [
  ...AIX_CLAUSES,
  ...PHYSCONTIG_CLAUSES,
  ...PHYSREQ_CLAUSES,
  ...SUCCESSOR_CLAUSES,
  ...LINUX_CLAUSES,
  ...GENERAL_CLAUSES,
];

const BY_ID: ReadonlyMap<string, Clause> = new Map(CLAUSES.map((c) => [c.id, c]));

export function findClause(id: string): Clause | undefined {
  return BY_ID.get(id);
}

/** The clause with this id; throws for an unknown id so that a typo cannot slip into a property or error. */
export function clause(id: string): Clause {
  const found = BY_ID.get(id);
  if (found === undefined) throw new RangeError(`clauses: unknown clause id '${id}'`);
  return found;
}

export function isTestable(c: Clause): boolean {
  return c.notTestable === undefined;
}

/** Clause ids matching a glob such as `kmem_alloc_physcontig.*` or `*.exact-match`. */
export function matchClauses(pattern: string): Clause[] {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${escaped}$`);
  return CLAUSES.filter((c) => re.test(c.id));
}
