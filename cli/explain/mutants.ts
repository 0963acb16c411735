import { extname, join, relative } from 'node:path';
import { MUTANTS, type MutantInfo } from '../../fixtures/mutants';
import type { DmaImplementation } from '../../spec/interface/implementation';

export interface KnownMutant {
  readonly info: MutantInfo;
  readonly create: () => DmaImplementation;
  /** How a user loads it with --impl, from the folder the command runs in. */
  readonly path: string;
}

/**
 * The mutant's module as this copy of the command has it: the sources in a
 * clone, the compiled module under node_modules/dmaconform/dist in a
 * user's project (the package ships no fixtures/ sources), so that a printed
 * rerun line loads it wherever it was printed.
 */
function modulePath(name: string, cwd: string): string {
  const file = join(__dirname, '..', '..', 'fixtures', 'mutants', `${name}${extname(__filename)}`);
  return relative(cwd, file) || file;
}

/** The deliberately wrong allocators that break a clause (fixtures/mutants lists what each breaks). */
export function mutantsBreaking(clauseId: string, cwd: string = process.cwd()): KnownMutant[] {
  return MUTANTS.filter((m) => m.info.breaks.includes(clauseId)).map((m) => ({ ...m, path: modulePath(m.info.name, cwd) }));
}
