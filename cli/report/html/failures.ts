import type { PropertyResult } from '../../../properties/runner/result';
import { findClause } from '../../../spec/clauses';
import type { RunOutcome } from '../outcome';
import { esc } from './escape';
import { edgesTable, failureSvg } from './svg';

const LEGEND =
  '<p class="legend"><span><i style="background:#b7e4c7"></i>RAM</span><span><i style="background:#d0d7de"></i>reserved</span>' +
  '<span><i style="background:#fff"></i>hole</span><span><i style="background:#9ec5fe"></i>live allocation</span>' +
  '<span><i style="background:#f28b82"></i>offending run</span><span><i style="background:#bc4c00"></i>boundary</span>' +
  '<span><i style="background:#8c959f"></i>alignment</span><span><i style="background:#8250df"></i>16 MiB / 4 GiB</span>' +
  '<span><i style="background:#d1242f"></i>line the run crosses, address limit</span></p>';

/** What the broken clause promises, and how the suite reads it, so the failure can be judged without the catalogue at hand. */
function promise(id: string | undefined): string {
  const c = id === undefined ? undefined : findClause(id);
  if (c === undefined) return '';
  const reading = c.ambiguity === undefined ? '' : ` <b>Reading:</b> ${esc(c.ambiguity.interpretation)}`;
  return `<p class="promise"><b>${esc(c.id)}</b> (${c.strength}): ${esc(c.paraphrase)}${reading}</p>`;
}

function failureSection(r: PropertyResult, i: number, replay: string): string {
  const f = r.failure!;
  const what = f.clause === undefined ? 'no clause: the implementation crashed or hung' : `clause ${f.clause}`;
  const picture =
    f.picture === undefined
      ? '<p class="note">No memory picture: this failure is not tied to a place in memory.</p>'
      : `${failureSvg(f.picture)}${LEGEND}<details><summary>Exact addresses</summary>${edgesTable(f.picture)}</details>`;
  return `<section class="failure" id="failure-${i}" data-status="${r.status}">
<h3>${esc(r.property)}: <span class="status status-${r.status}">${r.status}</span> (${esc(what)})</h3>
<p class="message">${esc(f.message)}</p>
${promise(f.clause)}
<p class="note">after ${f.runsToFailure} run(s), shrunk ${f.shrinks} time(s)</p>
${picture}
<h4>Shrunk trace</h4>
<pre>${esc(f.trace.join('\n'))}</pre>
<p>Replay: <code class="replay">${esc(replay)}</code></p>
</section>`;
}

export function failuresSection(o: RunOutcome): string {
  const failed = o.report.results.map((r, i) => ({ r, i })).filter(({ r }) => r.failure !== undefined);
  if (failed.length === 0) return '<h2>Failures</h2><p>None.</p>';
  return `<h2>Failures</h2>${failed.map(({ r, i }) => failureSection(r, i, o.replayCommand(r))).join('\n')}`;
}
