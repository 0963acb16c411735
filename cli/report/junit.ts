import type { PropertyResult } from '../../properties/runner/result';
import type { Disposition } from '../expectations/judge';
import type { RunOutcome } from './outcome';
import { element, escapeXml } from './xml';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The family part of a property name (`physcontig.misuse` → `physcontig`), so CI groups tests by family. */
export function familyOf(property: string): string {
  const dot = property.indexOf('.');
  return dot < 0 ? property : property.slice(0, dot);
}

function note(d: Disposition | undefined): string {
  if (d === 'expected') return ' (expected failure)';
  if (d === 'warning') return ' (SHOULD: warning only)';
  return '';
}

function failureBody(r: PropertyResult, replay: string): string {
  const f = r.failure!;
  const lines = [`clause: ${f.clause ?? '(none: the implementation crashed or hung)'} [${r.strength}]`, f.message, 'trace:', ...f.trace.map((t) => `  ${t}`), `counterexample: ${f.counterexample}`, `replay: ${replay}`];
  return escapeXml(lines.join('\n'));
}

function testcase(r: PropertyResult, d: Disposition | undefined, replay: string): string {
  const attrs = { name: r.property, classname: familyOf(r.property), time: seconds(r.durationMs) };
  const f = r.failure;
  let inner = '';
  if (r.status === 'UNSUPPORTED') inner = element('skipped', { message: r.reason ?? 'unsupported' });
  else if (f !== undefined) {
    const tag = r.status === 'FAIL' ? 'failure' : 'error';
    inner = element(tag, { message: `${f.clause ? `[${f.clause}] ` : ''}${f.message.split('\n')[0]}${note(d)}`, type: f.clause ?? r.status }, failureBody(r, replay));
  } else if (r.status !== 'PASS') inner = element('error', { message: `${r.status}${r.reason ? `: ${r.reason}` : ''}`, type: r.status });
  return inner === '' ? `  ${element('testcase', attrs)}` : `  ${element('testcase', attrs, `\n    ${inner}\n  `)}`;
}

/**
 * JUnit XML: one testsuite, one testcase per property. FAIL becomes
 * <failure>, TIMEOUT and BROKEN <error>, UNSUPPORTED <skipped>. A SHOULD or
 * expected failure is still shown, marked in its message; the exit status,
 * not the XML, is the gate.
 */
export function junitReport(o: RunOutcome): string {
  const { report } = o;
  const s = report.summary;
  const total = report.results.reduce((t, r) => t + r.durationMs, 0);
  const props = [
    element('property', { name: 'implementation', value: report.implementation }),
    element('property', { name: 'seed', value: report.seed }),
    element('property', { name: 'conforming', value: String(report.conforming) }),
    element('property', { name: 'gate', value: o.judgement.passed ? 'passed' : 'failed' }),
  ];
  const cases = report.results.map((r, i) => testcase(r, o.judgement.dispositions[i], o.replayCommand(r)));
  const suiteAttrs = {
    name: `dmaconform: ${report.implementation}`,
    tests: s.total,
    failures: s.FAIL,
    errors: s.TIMEOUT + s.BROKEN,
    skipped: s.UNSUPPORTED,
    time: seconds(total),
  };
  const body = [`\n  <properties>\n${props.map((p) => `    ${p}`).join('\n')}\n  </properties>`, ...cases].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('testsuite', suiteAttrs, `${body}\n`)}\n`;
}
