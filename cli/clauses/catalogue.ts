import { CLAUSES, isTestable, type Ambiguity, type ClauseKind, type ClauseSource, type Strength } from '../../spec/clauses';
import { allProperties, type AnyProperty } from '../../properties';

/** One clause as the catalogue shows it: where it comes from and what checks it. */
export interface CatalogueEntry {
  readonly id: string;
  readonly service: string;
  readonly source: ReadonlyArray<ClauseSource>;
  readonly strength: Strength;
  readonly kind: ClauseKind;
  /** The rule in the suite's own words. */
  readonly paraphrase: string;
  /** What the documents leave open, and the reading the suite takes. */
  readonly ambiguity?: Ambiguity;
  readonly testable: boolean;
  /** Why no property can check the clause. */
  readonly notTestable?: string;
  /** Names of the properties that judge the clause. */
  readonly coveredBy: ReadonlyArray<string>;
  /** Why nothing checks it: the clause's own reason when untestable, else that no property covers it yet. */
  readonly reason?: string;
}

export const NOT_COVERED = 'testable, but no property checks it yet';

export function catalogue(props: ReadonlyArray<AnyProperty> = allProperties()): CatalogueEntry[] {
  return CLAUSES.map((c) => {
    const coveredBy = props.filter((p) => p.clauses.includes(c.id)).map((p) => p.name);
    const testable = isTestable(c);
    const reason = !testable ? c.notTestable : coveredBy.length === 0 ? NOT_COVERED : undefined;
    return {
      id: c.id,
      service: c.service,
      source: c.sources,
      strength: c.strength,
      kind: c.kind,
      paraphrase: c.paraphrase,
      ...(c.ambiguity === undefined ? {} : { ambiguity: c.ambiguity }),
      testable,
      ...(c.notTestable === undefined ? {} : { notTestable: c.notTestable }),
      coveredBy,
      ...(reason === undefined ? {} : { reason }),
    };
  });
}

export function describeSource(s: ClauseSource): string {
  return `${s.document} § ${s.section}`;
}
