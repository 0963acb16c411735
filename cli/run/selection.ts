import { matchClauses } from '../../spec/clauses';
import type { AnyProperty } from '../../properties';
import { selectByClauses } from '../../properties/runner/select';
import type { Family } from '../../spec/interface/implementation';
import type { RunArgs } from '../args';
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

/**
 * The families the gate requires (--require-family and the expectations
 * file's requireFamilies); one that no selected property needs could not be
 * judged by this run at all, which is bad input rather than a verdict.
 */
export function requiredFamilies(selected: ReadonlyArray<AnyProperty>, ...lists: ReadonlyArray<ReadonlyArray<Family>>): Family[] {
  const required = [...new Set(lists.flat())];
  for (const f of required) {
    if (!selected.some((p) => p.families.includes(f))) throw new UsageError(`--require-family ${f}: no selected property checks the ${f} family`);
  }
  return required;
}

/** How a run chose part of the suite, for a verdict that speaks of that part only; undefined for the whole suite. */
export function selectionOf(args: RunArgs, selected: number, total: number): string | undefined {
  if (args.replay !== undefined) return `a replay of ${args.properties[0]}`;
  if (args.properties.length === 0 && args.only.length === 0) return undefined;
  const how = [...args.properties.map((p) => `--property ${p}`), ...args.only.map((c) => `--only ${c}`)].join(' ');
  return `${selected} of ${total} properties: ${how}`;
}
