import { matchClauses, type Clause } from '../../spec/clauses';
import { UsageError } from '../errors';
import { single, tokenize } from './tokens';
import { positiveInt, seed } from './values';

export interface ExplainArgs {
  readonly command: 'explain';
  /** The clauses asked for, in catalogue order, each once. */
  readonly clauses: ReadonlyArray<Clause>;
  /** Compute the two worked examples (runs properties; off for a quick look). */
  readonly examples: boolean;
  readonly seed: number;
  readonly runs: number;
}

/** Fixed so that the examples read the same every time. */
export const EXPLAIN_SEED = 1;
export const EXPLAIN_RUNS = 200;

export function parseExplainArgs(argv: ReadonlyArray<string>): ExplainArgs {
  const t = tokenize(argv, { '--no-examples': { flag: true }, '--seed': {}, '--runs': {} });
  if (t.positionals.length === 0) throw new UsageError('explain: name a clause id or glob (see dmaconform clauses)');
  const picked = new Set<Clause>();
  for (const pattern of t.positionals) {
    const found = matchClauses(pattern);
    if (found.length === 0) throw new UsageError(`explain: '${pattern}' matches no clause id (see dmaconform clauses)`);
    for (const c of found) picked.add(c);
  }
  const seedText = single(t, '--seed');
  const runsText = single(t, '--runs');
  return {
    command: 'explain',
    clauses: [...picked],
    examples: !t.flags.has('--no-examples'),
    seed: seedText === undefined ? EXPLAIN_SEED : seed('--seed', seedText),
    runs: runsText === undefined ? EXPLAIN_RUNS : positiveInt('--runs', runsText),
  };
}
