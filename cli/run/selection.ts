import { matchClauses } from '../../spec/clauses';
import type { AnyProperty } from '../../properties';
import { selectByClauses } from '../../properties/runner/select';
import { UsageError } from '../errors';

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * The properties a run checks: those named by --property (if any) that check
 * a clause named by --only (if any). A pattern that matches nothing is a
 * typo, reported rather than quietly running less than was asked for.
 */
export function selectProperties(all: ReadonlyArray<AnyProperty>, names: ReadonlyArray<string>, only: ReadonlyArray<string>): AnyProperty[] {
  for (const p of only) {
    if (matchClauses(p).length === 0) throw new UsageError(`--only: no clause matches '${p}' (see dmaconform clauses)`);
  }
  let chosen = all.slice();
  if (names.length > 0) {
    const res = names.map((n) => ({ n, re: glob(n) }));
    for (const { n, re } of res) {
      if (!all.some((p) => re.test(p.name))) throw new UsageError(`--property: no property matches '${n}'`);
    }
    chosen = chosen.filter((p) => res.some(({ re }) => re.test(p.name)));
  }
  chosen = selectByClauses(chosen, only);
  if (chosen.length === 0) throw new UsageError(`no property checks the selected clauses (${[...names, ...only].join(', ')})`);
  return chosen;
}
