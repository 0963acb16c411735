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

/** What a failure that does not fail the gate is called in the XML, where it is kept visible as output instead. */
function passingNote(d: Disposition | undefined): string | null {
  if (d === 'expected') return 'expected failure (listed in the expectations file)';
  if (d === 'warning') return 'SHOULD warning (does not fail the gate)';
  return null;
}

function failureLines(r: PropertyResult, replay: string): string[] {
  const f = r.failure!;
  return [`clause: ${f.clause ?? '(none: the implementation crashed or hung)'} [${r.strength}]`, f.message, 'trace:', ...f.trace.map((t) => `  ${t}`), `counterexample: ${f.counterexample}`, `replay: ${replay}`];
}

/** Whether the testcase carries a <failure> or an <error>, or neither. */
export function junitTag(r: PropertyResult, d: Disposition | undefined): 'failure' | 'error' | null {
  if (r.status === 'PASS' || r.status === 'UNSUPPORTED' || passingNote(d) !== null) return null;
  return r.status === 'FAIL' ? 'failure' : 'error';
}

function testcase(r: PropertyResult, d: Disposition | undefined, replay: string): string {
  const attrs = { name: r.property, classname: familyOf(r.property), time: seconds(r.durationMs) };
  const f = r.failure;
  const tag = junitTag(r, d);
  const passing = passingNote(d);
  let inner = '';
  if (r.status === 'UNSUPPORTED') inner = element('skipped', { message: r.reason ?? 'unsupported' });
  else if (passing !== null) {
    const what = f !== undefined ? failureLines(r, replay) : [`${r.status}${r.reason ? `: ${r.reason}` : ''}`];
    inner = element('system-out', {}, escapeXml([`${passing}: ${r.status}`, ...what].join('\n')));
  } else if (tag !== null && f !== undefined) {
    inner = element(tag, { message: `${f.clause ? `[${f.clause}] ` : ''}${f.message.split('\n')[0]}`, type: f.clause ?? r.status }, escapeXml(failureLines(r, replay).join('\n')));
  } else if (tag !== null) inner = element('error', { message: `${r.status}${r.reason ? `: ${r.reason}` : ''}`, type: r.status });
  return inner === '' ? `  ${element('testcase', attrs)}` : `  ${element('testcase', attrs, `\n    ${inner}\n  `)}`;
}

/**
 * JUnit XML: one testsuite, one testcase per property. FAIL becomes
 * <failure>, TIMEOUT and BROKEN <error>, UNSUPPORTED <skipped>. A SHOULD
 * warning or an expected failure passes the gate, so it must not turn a CI
 * job's test view red: it is a passing testcase whose <system-out> holds the
 * failure in full, and the suite's properties count them.
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
    element('property', { name: 'warnings', value: o.judgement.dispositions.filter((d) => d === 'warning').length }),
    element('property', { name: 'expectedFailures', value: o.judgement.dispositions.filter((d) => d === 'expected').length }),
  ];
  const cases = report.results.map((r, i) => testcase(r, o.judgement.dispositions[i], o.replayCommand(r)));
  const stopped = o.interrupted;
  if (stopped !== undefined) {
    props.push(element('property', { name: 'interrupted', value: stopped.signal }));
    // The property cut short is an error: the run did not finish, whatever the other testcases say.
    if (stopped.property !== null) {
      const error = element('error', { message: `interrupted by ${stopped.signal} before it finished`, type: 'INTERRUPTED' });
      cases.push(`  ${element('testcase', { name: stopped.property, classname: familyOf(stopped.property), time: seconds(0) }, `\n    ${error}\n  `)}`);
    }
  }
  const extra = stopped?.property ? 1 : 0;
  const tags = report.results.map((r, i) => junitTag(r, o.judgement.dispositions[i]));
  const suiteAttrs = {
    name: `dmaconform: ${report.implementation}`,
    tests: s.total + extra,
    failures: tags.filter((t) => t === 'failure').length,
    errors: tags.filter((t) => t === 'error').length + extra,
    skipped: s.UNSUPPORTED,
    time: seconds(total),
  };
  const body = [`\n  <properties>\n${props.map((p) => `    ${p}`).join('\n')}\n  </properties>`, ...cases].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('testsuite', suiteAttrs, `${body}\n`)}\n`;
}
