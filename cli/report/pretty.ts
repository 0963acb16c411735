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

export function summaryLine(o: RunOutcome): string {
  const s = o.report.summary;
  const counts = (['PASS', 'FAIL', 'TIMEOUT', 'BROKEN', 'UNSUPPORTED'] as const).map((k) => `${s[k]} ${k}`).join(', ');
  return `${s.total} propert${s.total === 1 ? 'y' : 'ies'}: ${counts}`;
}

export function verdict(o: RunOutcome): string {
  const { judgement, report } = o;
  if (o.interrupted !== undefined) return interruptedVerdict(o);
  if (o.expectationsWritten !== undefined) return `expectations written to ${o.expectationsFile} (${o.expectationsWritten} entries)`;
  if (!judgement.passed) return `NOT CONFORMING: ${judgement.regressions.length} propert${judgement.regressions.length === 1 ? 'y' : 'ies'} failed the gate (${judgement.regressions.join(', ')})`;
  if (!report.conforming) return 'CONFORMING apart from the expected failures';
  return 'CONFORMING';
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
  parts.push(`\n${summaryLine(o)}\n${verdict(o)}\n`);
  return parts.join('');
}

/** For json and junit runs and --out: the verdict on stderr, so a CI log says what happened. */
export function verdictLines(o: RunOutcome): string {
  const lines = [`dmaconform: ${summaryLine(o)}: ${verdict(o)}`];
  for (const key of o.judgement.nowPasses) lines.push(`dmaconform: now passes: ${key}: remove it from the expectations (${o.expectationsFile})`);
  return `${lines.join('\n')}\n`;
}
