import { catalogue } from '../../clauses/catalogue';
import type { RunOutcome } from '../outcome';
import { summaryLine, verdict } from '../pretty';
import { esc } from './escape';
import { failuresSection } from './failures';
import { registerSection } from './register';
import { resultsSection } from './results';
import { SCRIPT } from './script';
import { STYLE } from './style';

/**
 * The report as one self-contained HTML file: no network, no external
 * scripts, fonts or styles, so it can be archived as a CI artifact and
 * opened anywhere.
 */
export function htmlReport(o: RunOutcome): string {
  const ok = o.judgement.passed;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dmaconform: ${esc(o.report.implementation)}</title>
<style>${STYLE}</style></head>
<body>
<h1>dmaconform: ${esc(o.report.implementation)}</h1>
<p class="verdict ${ok ? 'ok' : 'bad'}" id="verdict">${esc(verdict(o))}</p>
<p>${esc(summaryLine(o))}; seed <code>${o.report.seed}</code></p>
${resultsSection(o)}
${failuresSection(o)}
${registerSection(catalogue())}
<script>${SCRIPT}</script>
</body></html>
`;
}
