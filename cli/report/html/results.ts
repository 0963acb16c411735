import type { PropertyResult } from '../../../properties/runner/result';
import type { Disposition } from '../../expectations/judge';
import type { RunOutcome } from '../outcome';
import { esc } from './escape';

const STATUSES = ['PASS', 'FAIL', 'TIMEOUT', 'BROKEN', 'UNSUPPORTED'] as const;

function detail(r: PropertyResult): string {
  if (r.failure !== undefined) return r.failure.clause ?? r.failure.message.split('\n')[0]!;
  return r.reason ?? '';
}

function row(r: PropertyResult, d: Disposition | undefined, i: number): string {
  const searchable = [r.property, r.status, r.strength, ...r.clauses, detail(r)].join(' ').toLowerCase();
  const note = d === 'expected' ? ' (expected)' : d === 'warning' ? ' (warning)' : '';
  const name = r.failure === undefined ? esc(r.property) : `<a href="#failure-${i}">${esc(r.property)}</a>`;
  return (
    `<tr data-index="${i}" data-status="${r.status}" data-strength="${r.strength}" data-text="${esc(searchable)}">` +
    `<td>${name}</td><td class="status status-${r.status}">${r.status}${note}</td><td>${r.strength}</td>` +
    `<td>${r.runs}</td><td>${r.durationMs} ms</td><td>${esc(detail(r))}</td></tr>`
  );
}

/** The property table and its filters (status, strength, free text over name, clauses and detail). */
export function resultsSection(o: RunOutcome): string {
  const { report, judgement } = o;
  const options = ['<option value="">every status</option>', ...STATUSES.map((s) => `<option value="${s}">${s} (${report.summary[s]})</option>`)].join('');
  return `<h2>Properties</h2>
<div class="filters">
<label>Status <select id="filter-status">${options}</select></label>
<label>Strength <select id="filter-strength"><option value="">MUST and SHOULD</option><option value="MUST">MUST</option><option value="SHOULD">SHOULD</option></select></label>
<label>Text <input id="filter-text" type="search" placeholder="property, clause, reason"></label>
<span id="shown" class="note"></span>
</div>
<table id="results"><thead><tr><th>Property</th><th>Status</th><th>Strength</th><th>Runs</th><th>Time</th><th>Clause / reason</th></tr></thead>
<tbody>${report.results.map((r, i) => row(r, judgement.dispositions[i], i)).join('\n')}</tbody></table>`;
}
