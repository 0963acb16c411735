import { UsageError } from '../errors';
import { REPORTERS, outFor, type ReporterName } from './run-args';
import type { Family } from '../../spec/interface/implementation';
import { all, single, tokenize } from './tokens';
import { familyList, oneOf } from './values';

export interface MergeArgs {
  readonly command: 'merge';
  /** JSON reports written by `dmaconform --reporter json`, one per shard. */
  readonly files: ReadonlyArray<string>;
  readonly reporter: ReporterName;
  readonly out?: string;
  readonly expectations?: string;
  readonly strict: boolean;
  readonly requireFamilies: ReadonlyArray<Family>;
}

export function parseMergeArgs(argv: ReadonlyArray<string>): MergeArgs {
  const t = tokenize(argv, { '--reporter': {}, '--out': {}, '--expectations': {}, '--strict': { flag: true }, '--require-family': { repeat: true } });
  if (t.positionals.length === 0) throw new UsageError('merge: name the JSON reports to merge (written with --reporter json)');
  const named = single(t, '--reporter');
  const reporter = named === undefined ? 'pretty' : oneOf('--reporter', named, REPORTERS);
  return {
    command: 'merge',
    files: t.positionals,
    reporter,
    out: outFor(reporter, single(t, '--out')),
    expectations: single(t, '--expectations'),
    strict: t.flags.has('--strict'),
    requireFamilies: familyList('--require-family', all(t, '--require-family')),
  };
}
