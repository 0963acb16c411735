import type { ConstraintKind } from '../../spec/predicates/check';
import type { FamilyAdapter } from '../families/types';

const KINDS: ReadonlyArray<ConstraintKind> = ['length', 'alignment', 'virtual-alignment', 'boundary', 'address-limit', 'zero-address', 'contiguity', 'segment-count'];

/** The distinct clauses a family's placement checks can name. */
export function constraintClauses<S>(fam: FamilyAdapter<S>): string[] {
  return [...new Set(KINDS.map((k) => fam.clauseOf(k)))];
}
