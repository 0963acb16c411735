import { UsageError } from '../errors';
import { single, tokenize } from './tokens';

export type CatalogueFormat = 'table' | 'json' | 'markdown';

export interface ClausesArgs {
  readonly command: 'clauses';
  readonly format: CatalogueFormat;
  readonly out?: string;
}

export function parseClausesArgs(argv: ReadonlyArray<string>): ClausesArgs {
  const t = tokenize(argv, { '--json': { flag: true }, '--markdown': { flag: true }, '--out': {} });
  if (t.positionals.length > 0) throw new UsageError(`clauses: unexpected argument '${t.positionals[0]}'`);
  if (t.flags.has('--json') && t.flags.has('--markdown')) throw new UsageError('clauses: --json and --markdown cannot be combined');
  const format: CatalogueFormat = t.flags.has('--json') ? 'json' : t.flags.has('--markdown') ? 'markdown' : 'table';
  return { command: 'clauses', format, out: single(t, '--out') };
}
