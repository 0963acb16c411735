import type { PropertyResult } from '../../properties/runner/result';
import type { Disposition } from '../expectations/judge';
import type { RunOutcome } from './outcome';
import { alignedTable } from './table';

function statusCell(r: PropertyResult, d: Disposition | undefined): string {
  if (d === 'expected') return `${r.status} (expected)`;
  if (d === 'warning') return `${r.status} (warning)`;
  return r.status;
}

function detailCell(r: PropertyResult): string {
  if (r.failure !== undefined) return r.failure.clause ?? r.failure.message.split('\n')[0]!;
  return r.reason ?? '';
}

/** One failure: what broke, the shrunk trace one call per line, and the command that replays it. */
export function describeFailure(r: PropertyResult, d: Disposition | undefined, replay: string): string {
  const f = r.failure!;
  const head = `${r.property}: ${statusCell(r, d)} [${f.clause ?? 'no clause: the implementation crashed or hung'}] after ${f.runsToFailure} run(s), ${f.shrinks} shrink(s)`;
  return [head, `  ${f.message.split('\n').join('\n  ')}`, '  trace:', ...f.trace.map((t) => `    ${t}`), `  replay: ${replay}`].join('\n');
}

/** How many properties were judged and how many were not (UNSUPPORTED), and which families went unjudged. */
export function summaryLine(o: RunOutcome): string {
  const s = o.report.summary;
  const counts = (['PASS', 'FAIL', 'TIMEOUT', 'BROKEN'] as const).map((k) => `${s[k]} ${k}`).join(', ');
  const unjudged = o.judgement.unjudged.length === 0 ? '' : ` (families not served: ${o.judgement.unjudged.join(', ')})`;
  return `${s.total} propert${s.total === 1 ? 'y' : 'ies'}: ${s.total - s.UNSUPPORTED} judged (${counts}), ${s.UNSUPPORTED} UNSUPPORTED${unjudged}`;
}

const properties = (n: number) => `${n} propert${n === 1 ? 'y' : 'ies'}`;

export function verdict(o: RunOutcome): string {
  const { judgement, report } = o;
  if (o.interrupted !== undefined) return interruptedVerdict(o);
  if (o.expectationsWritten !== undefined) return `expectations written to ${o.expectationsFile} (${o.expectationsWritten} entries)`;
  if (!judgement.passed) {
    const reasons = judgement.regressions.length === 0 ? [] : [`${properties(judgement.regressions.length)} failed the gate (${judgement.regressions.join(', ')})`];
    for (const f of judgement.missingRequired) reasons.push(`the required ${f} family was not judged: the implementation does not serve it`);
    return `NOT CONFORMING: ${reasons.join('; ')}`;
  }
  const verdict = report.conforming ? 'CONFORMING' : 'CONFORMING apart from the expected failures';
  return o.selection === undefined ? verdict : `${verdict} on the selection only (${o.selection}): not a verdict on the whole allocator`;
}

function interruptedVerdict(o: RunOutcome): string {
  const { signal, property } = o.interrupted!;
  const n = o.report.results.length;
  return `INTERRUPTED by ${signal}${property === null ? '' : ` during ${property}`}: no verdict; the report covers the ${n} propert${n === 1 ? 'y' : 'ies'} that finished`;
}

/** The report for a person: a table, the failures in full, warnings, and the verdict last. */
export function prettyReport(o: RunOutcome): string {
  const { report, judgement } = o;
  const rows = report.results.map((r, i) => [r.property, statusCell(r, judgement.dispositions[i]), r.strength, String(r.runs), `${r.durationMs} ms`, detailCell(r)]);
  const parts = [`dmaconform: ${report.implementation} (seed ${report.seed})\n`, alignedTable(['PROPERTY', 'STATUS', 'STRENGTH', 'RUNS', 'TIME', 'CLAUSE / REASON'], rows)];
  const failed = report.results.map((r, i) => ({ r, d: judgement.dispositions[i] })).filter(({ r }) => r.failure !== undefined);
  if (failed.length > 0) parts.push(`\nFailures:\n\n${failed.map(({ r, d }) => describeFailure(r, d, o.replayCommand(r))).join('\n\n')}\n`);
  const notes: string[] = [];
  for (const [i, r] of report.results.entries()) {
    if (judgement.dispositions[i] === 'warning') notes.push(`warning: SHOULD property ${r.property} ${r.status}${r.failure?.clause ? ` [${r.failure.clause}]` : ''}`);
  }
  for (const key of judgement.expected) notes.push(`expected failure: ${key} (listed in ${o.expectationsFile})`);
  for (const key of judgement.nowPasses) notes.push(`now passes: ${key}: remove it from the expectations (${o.expectationsFile})`);
  if (notes.length > 0) parts.push(`\n${notes.join('\n')}\n`);
  if (o.verbose) parts.push(`\nClauses covered by each passing property:\n${report.results.filter((r) => r.status === 'PASS').map((r) => `  ${r.property}: ${r.clauses.join(', ')}`).join('\n')}\n`);
  parts.push(`\n${closingLines(o).join('\n')}\n${summaryLine(o)}\n${verdict(o)}\n`);
  return parts.join('');
}

/** What the passing properties covered, and what to run next. */
function closingLines(o: RunOutcome): string[] {
  const { report, judgement } = o;
  const covered = new Set(report.results.filter((r) => r.status === 'PASS').flatMap((r) => r.clauses));
  const lines = [`covered: ${covered.size} clause${covered.size === 1 ? '' : 's'} checked by the passing properties${o.verbose ? '' : ' (--verbose lists them per property)'}; \`npx dmaconform clauses\` shows every clause and what checks it`];
  const starts = o.processStarts;
  if (starts !== undefined) lines.push(`processes: ${starts.processes} started, ${Math.round(starts.ms)} ms in all to start and greet them (not in the TIME column)`);
  if (o.interrupted !== undefined) return lines;
  if (judgement.missingRequired.length > 0) {
    lines.push(`next: serve ${judgement.missingRequired.join(', ')} (and declare it in the implementation's families), or drop it from the required families`);
  } else if (!judgement.passed && judgement.regressions.length > 0) {
    lines.push('next: run a failure\'s replay line to see it again; `npx dmaconform explain CLAUSE` shows what the clause asks, with examples');
  } else if (judgement.unjudged.length > 0 && judgement.missingRequired.length === 0) {
    lines.push(`next: ${properties(report.summary.UNSUPPORTED)} were not judged, as the implementation does not declare ${judgement.unjudged.join(', ')}; a CI gate can demand a family with --require-family`);
  } else if (o.selection !== undefined) {
    lines.push('next: run without --property, --only or --replay to judge the whole allocator');
  } else {
    lines.push('next: make it a CI gate (--reporter junit, --require-family; docs/ci-github-actions.md in the package); `npx dmaconform explain CLAUSE` shows any clause with examples');
  }
  return lines;
}

/** For json and junit runs and --out: the verdict on stderr, so a CI log says what happened. */
export function verdictLines(o: RunOutcome): string {
  const lines = [`dmaconform: ${summaryLine(o)}: ${verdict(o)}`];
  if (o.reportFile !== undefined) lines.push(`dmaconform: report written to ${o.reportFile}`);
  for (const key of o.judgement.nowPasses) lines.push(`dmaconform: now passes: ${key}: remove it from the expectations (${o.expectationsFile})`);
  return `${lines.join('\n')}\n`;
}
