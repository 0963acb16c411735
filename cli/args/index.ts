import { parseClausesArgs, type ClausesArgs } from './clauses-args';
import { parseExplainArgs, type ExplainArgs } from './explain-args';
import { parseMergeArgs, type MergeArgs } from './merge-args';
import { parseRunArgs, type RunArgs } from './run-args';

export type { ClausesArgs, CatalogueFormat } from './clauses-args';
export type { ExplainArgs } from './explain-args';
export type { MergeArgs } from './merge-args';
export type { PoolsSpec, ReporterName, RunArgs, SourceSpec } from './run-args';

export type Command = RunArgs | ClausesArgs | ExplainArgs | MergeArgs | { readonly command: 'help' } | { readonly command: 'version' };

/** `clauses`, `explain` and `merge` are subcommands; anything else is a run (no subcommand needed for the common case). */
export function parseArgs(argv: ReadonlyArray<string>, cwd: string = process.cwd()): Command {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('--version') || argv[0] === 'version') return { command: 'version' };
  if (argv[0] === 'clauses') return parseClausesArgs(argv.slice(1));
  if (argv[0] === 'explain') return parseExplainArgs(argv.slice(1));
  if (argv[0] === 'merge') return parseMergeArgs(argv.slice(1));
  if (argv[0] === 'run') return parseRunArgs(argv.slice(1), cwd);
  return parseRunArgs(argv, cwd);
}
