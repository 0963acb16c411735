import { MUTANTS, type MutantInfo } from '../../fixtures/mutants';
import type { DmaImplementation } from '../../spec/interface/implementation';

export interface KnownMutant {
  readonly info: MutantInfo;
  readonly create: () => DmaImplementation;
  /** How a user loads it: the CLI's own --impl path, relative to the repository. */
  readonly path: string;
}

/** The deliberately wrong allocators that break a clause (fixtures/mutants lists what each breaks). */
export function mutantsBreaking(clauseId: string): KnownMutant[] {
  return MUTANTS.filter((m) => m.info.breaks.includes(clauseId)).map((m) => ({ ...m, path: `fixtures/mutants/${m.info.name}.ts` }));
}
