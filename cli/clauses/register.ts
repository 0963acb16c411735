import { citation } from './citation';
import type { CatalogueEntry } from './catalogue';
import { labelled, wrap } from './wrap';

/** One clause as a reader wants it: the rule, where it comes from, what is unclear and how the suite reads it. */
export function entryBlock(e: CatalogueEntry): string[] {
  const lines = [`${e.id}  ${e.strength} ${e.kind}  (${e.service})`, ...wrap(e.paraphrase, '  ')];
  for (const s of e.source) lines.push(...labelled('source:     ', citation(s)));
  if (e.ambiguity !== undefined) {
    lines.push(...labelled('unclear:    ', e.ambiguity.question));
    lines.push(...labelled('reading:    ', e.ambiguity.interpretation));
    lines.push(...labelled('because:    ', e.ambiguity.why));
  }
  if (e.coveredBy.length > 0) lines.push(...labelled('checked by: ', e.coveredBy.join(', ')));
  else lines.push(...labelled(e.testable ? 'unchecked:  ' : 'untestable: ', e.reason ?? ''));
  return lines;
}

/** The default `clauses` output: every clause as a short block, then a count. */
export function catalogueRegister(entries: ReadonlyArray<CatalogueEntry>): string {
  const blocks = entries.map((e) => entryBlock(e).join('\n'));
  const uncovered = entries.filter((e) => e.coveredBy.length === 0).length;
  const ambiguous = entries.filter((e) => e.ambiguity !== undefined).length;
  const footer = `${entries.length} clauses, ${entries.length - uncovered} covered, ${uncovered} not covered, ${ambiguous} with a reading of an ambiguity\n`;
  return `${blocks.join('\n\n')}\n\n${footer}`;
}
