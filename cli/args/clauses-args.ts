import type { Strength } from '../../spec/clauses';
import { UsageError } from '../errors';
import { all, single, tokenize } from './tokens';
import { oneOf } from './values';

export type CatalogueFormat = 'register' | 'table' | 'json' | 'markdown' | 'rules';

const FORMAT_FLAGS: ReadonlyArray<readonly [string, CatalogueFormat]> = [
  ['--table', 'table'],
  ['--json', 'json'],
  ['--markdown', 'markdown'],
  ['--rules', 'rules'],
];
const STRENGTHS: ReadonlyArray<Strength> = ['MUST', 'SHOULD', 'MAY'];

export interface ClausesArgs {
  readonly command: 'clauses';
  readonly format: CatalogueFormat;
  readonly out?: string;
  /** Service names or globs; empty for all. */
  readonly services: ReadonlyArray<string>;
  readonly strengths: ReadonlyArray<Strength>;
}

export function parseClausesArgs(argv: ReadonlyArray<string>): ClausesArgs {
  const t = tokenize(argv, {
    ...Object.fromEntries(FORMAT_FLAGS.map(([flag]) => [flag, { flag: true }])),
    '--out': {},
    '--service': { repeat: true },
    '--strength': { repeat: true },
  });
  if (t.positionals.length > 0) throw new UsageError(`clauses: unexpected argument '${t.positionals[0]}'`);
  const chosen = FORMAT_FLAGS.filter(([flag]) => t.flags.has(flag));
  if (chosen.length > 1) throw new UsageError(`clauses: ${chosen.map(([f]) => f).join(' and ')} cannot be combined`);
  const format = chosen[0]?.[1] ?? 'register';
  const services = all(t, '--service');
  const strengths = all(t, '--strength').map((s) => oneOf('--strength', s.toUpperCase(), STRENGTHS));
  // Generated documents describe the whole catalogue; a filtered one would look complete and not be.
  if ((format === 'markdown' || format === 'rules') && (services.length > 0 || strengths.length > 0)) {
    throw new UsageError(`clauses: --${format} documents every clause; drop --service and --strength`);
  }
  return { command: 'clauses', format, out: single(t, '--out'), services, strengths };
}
