import fc from 'fast-check';
import { DDI_VERSIONS, type DdiVersion } from '../../spec/constants/context';
import { versionProblem } from '../../spec/rules/version-rules';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

export interface VersionInput {
  readonly gen: GeneratedMap;
  readonly version: DdiVersion;
}

/**
 * The driver's DDI version decides which allocation service exists: in a
 * version without it, a call yields no memory; in a version with it, the
 * call is not refused on version grounds.
 */
export function versionProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<VersionInput> {
  const gated = DDI_VERSIONS.map((v) => versionProblem(fam.allocService, v)).find((c) => c !== null);
  const clause = gated ?? `${fam.allocService}.ddi-version`;
  return {
    name: `${fam.name}.versions`,
    clauses: [clause],
    families: [fam.family],
    strength: 'MUST',
    runs: 30,
    arbitrary: () => fc.record({ gen: memoryMapArb(), version: fc.constantFrom(...DDI_VERSIONS) }),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, []);
      await s.boot(input.version);
      const token = await s.token(s.probeIndex);
      if (token === null) return;
      const o = await fam.allocate(d, token, fam.probeShape, s.pageBytes, false);
      const problem = versionProblem(fam.allocService, input.version);
      if (problem !== null) {
        if (o.kind === 'value' && o.value !== null) fail(problem, `${fam.allocService} handed out memory to a DDI ${input.version} driver`);
        return;
      }
      if (o.kind === 'violation' && o.clause === clause) fail(clause, `${fam.allocService} was refused to a DDI ${input.version} driver, which has it`);
      if (o.kind === 'value' && o.value !== null) await s.judge(o, token, s.probeIndex, s.pageBytes);
      await s.releaseAll();
    },
  };
}
