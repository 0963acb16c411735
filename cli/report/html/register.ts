import type { CatalogueEntry } from '../../clauses/catalogue';
import { citation } from '../../clauses/citation';
import { esc } from './escape';

function row(e: CatalogueEntry): string {
  const reading = e.ambiguity === undefined ? '' : `<b>Unclear:</b> ${esc(e.ambiguity.question)}<br><b>Reading:</b> ${esc(e.ambiguity.interpretation)}`;
  const covered = e.coveredBy.length > 0 ? esc(e.coveredBy.join(', ')) : `<span class="note">${e.testable ? 'not covered' : 'not testable'}: ${esc(e.reason ?? '')}</span>`;
  const searchable = [e.id, e.service, e.strength, e.paraphrase, e.ambiguity?.interpretation ?? '', ...e.coveredBy].join(' ').toLowerCase();
  return (
    `<tr data-text="${esc(searchable)}"><td><code>${esc(e.id)}</code><br>${e.strength} ${e.kind}</td>` +
    `<td>${esc(e.paraphrase)}<br><span class="note">${esc(e.source.map(citation).join('; '))}</span></td><td>${reading}</td><td>${covered}</td></tr>`
  );
}

/** Every clause of the catalogue, its reading of any ambiguity, and what checks it or why nothing does. */
export function registerSection(entries: ReadonlyArray<CatalogueEntry>): string {
  return `<h2>Clause register</h2>
<div class="filters"><label>Text <input id="filter-clauses" type="search" placeholder="clause, service, words"></label></div>
<table id="register"><thead><tr><th>Clause</th><th>Rule</th><th>Ambiguity and reading</th><th>Checked by</th></tr></thead>
<tbody>${entries.map(row).join('\n')}</tbody></table>`;
}
