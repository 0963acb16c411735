import type { CatalogueEntry } from '../clauses/catalogue';
import { entryBlock } from '../clauses/register';
import { labelled } from '../clauses/wrap';
import { drawPicture } from '../picture/text';
import type { Example, Examples } from './examples';
import type { KnownMutant } from './mutants';

function exampleLines(title: string, e: Example, runName: string): string[] {
  const lines = [`  ${title}: ${e.implementation}, property ${e.property}: ${e.status}`];
  if (e.message !== undefined) lines.push(...labelled('result: ', e.message, '    '));
  lines.push(...labelled('rerun:  ', e.replay, '    '));
  lines.push('    trace:', ...e.trace.map((l) => `      ${l}`));
  if (e.picture !== undefined) lines.push('    memory:', ...drawPicture(e.picture, runName).map((l) => `    ${l}`));
  return lines;
}

export function explainText(entry: CatalogueEntry, mutants: ReadonlyArray<KnownMutant>, examples: Examples | undefined): string {
  const lines = entryBlock(entry);
  if (mutants.length === 0) lines.push('  broken by:  no mutant in fixtures/mutants');
  for (const m of mutants) lines.push(...labelled('broken by:  ', `mutant ${m.info.name} (${m.path}): ${m.info.description}`));
  if (!entry.testable) lines.push('  examples:   none, as no property can check this clause');
  else if (examples !== undefined) {
    for (const n of examples.notes) lines.push(...labelled('note:       ', n));
    if (examples.conforming !== undefined) lines.push('', ...exampleLines('Conforming', examples.conforming, 'request shown'));
    if (examples.violating !== undefined) lines.push('', ...exampleLines('Violating', examples.violating, 'offending run'));
  }
  return `${lines.join('\n')}\n`;
}
