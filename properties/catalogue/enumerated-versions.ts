import { DDI_VERSIONS } from '../../spec/constants/context';
import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';
import { versionProperty } from './versions';

/** The family's allocation service called by a driver of every DDI version. */
export function everyVersionProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<null> {
  const judge = versionProperty(fam);
  return enumeratedProperty({
    name: `${fam.name}.versions-each`,
    clauses: judge.clauses,
    families: judge.families,
    cases: DDI_VERSIONS.map((version) => ({ label: `DDI ${version}`, input: { gen: PLAIN_MAP, version } })),
    check: (d, input) => judge.run(d, input),
  });
}
