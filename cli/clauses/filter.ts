import type { Strength } from '../../spec/clauses';
import { UsageError } from '../errors';
import type { CatalogueEntry } from './catalogue';

export interface ClauseFilter {
  /** Service names or globs (`kmem_*`); empty for every service. */
  readonly services: ReadonlyArray<string>;
  readonly strengths: ReadonlyArray<Strength>;
}

export function globRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * A service pattern that matches nothing is a typo, not an empty answer:
 * it is reported with the names that exist.
 */
export function filterEntries(entries: ReadonlyArray<CatalogueEntry>, f: ClauseFilter): CatalogueEntry[] {
  const known = [...new Set(entries.map((e) => e.service))];
  const patterns = f.services.map(globRegExp);
  f.services.forEach((s, i) => {
    if (!known.some((k) => patterns[i]!.test(k))) throw new UsageError(`clauses: --service '${s}' matches no service (known: ${known.join(', ')})`);
  });
  return entries.filter(
    (e) => (patterns.length === 0 || patterns.some((p) => p.test(e.service))) && (f.strengths.length === 0 || f.strengths.includes(e.strength)),
  );
}
