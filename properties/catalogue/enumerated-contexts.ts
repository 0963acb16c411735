import { AIX_ENVIRONMENTS, SVR5_CONTEXTS } from '../../spec/constants/context';
import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { contextCalls, contextProperty } from './contexts';
import { enumeratedProperty } from './enumerated';

/** Every (call, context) pair of a family, each judged as the random contexts property judges one. */
export function everyContextProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<null> {
  const judge = contextProperty(fam);
  const contexts = fam.family === 'aix' ? AIX_ENVIRONMENTS : SVR5_CONTEXTS;
  return enumeratedProperty({
    name: `${fam.name}.contexts-each`,
    clauses: judge.clauses,
    families: judge.families,
    cases: contextCalls(fam).flatMap((call) => contexts.map((ctx) => ({ label: `${call} from ${ctx}`, input: { gen: PLAIN_MAP, ctx, call } }))),
    check: (d, input) => judge.run(d, input),
  });
}
