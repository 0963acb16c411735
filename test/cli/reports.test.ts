import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../cli/report/xml';
import { allProperties } from '../../properties';

/** aix.* plus physcontig.placement, however many AIX properties there are. */
const SELECTED = allProperties().filter((p) => p.name.startsWith('aix.')).length + 1;
import { propertySeed } from '../../properties/runner/property-seed';
import { cli, parseReport } from './helpers';
import { reportProblems } from './report-shape';
import { parseXml, type XmlElement } from './xml-check';

const MIXED = ['--impl', 'fixtures/external/ts-broken/throws.ts', '--property', 'aix.*', '--property', 'physcontig.placement', '--runs', '3', '--seed', '5'];

const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);

describe('the JSON report', () => {
  it('has the documented shape for a conforming run', async () => {
    const r = await cli(['--budget', '0.1', '--reporter', 'json']);
    expect(reportProblems(JSON.parse(r.stdout))).toEqual([]);
    expect(parseReport(r).gate).toMatchObject({ passed: true, exitCode: 0 });
  });

  it('has the documented shape with failures, crashes and unsupported families', async () => {
    const fails = await cli(['--impl', 'fixtures/mutants/ignores-align.ts', '--budget', '0.3', '--seed', '2', '--reporter', 'json']);
    expect(reportProblems(JSON.parse(fails.stdout))).toEqual([]);
    const pictured = (JSON.parse(fails.stdout) as { results: Array<{ failure?: { clause: string; picture?: { run?: unknown } } }> }).results.filter((x) => x.failure?.picture?.run !== undefined);
    expect(pictured.map((x) => x.failure!.clause)).toContain('d_alloc_dmamem.align-physical');
    const broken = await cli([...MIXED, '--reporter', 'json']);
    expect(reportProblems(JSON.parse(broken.stdout))).toEqual([]);
    const unsupported = await cli(['--impl', 'fixtures/examples/my-allocator.ts', '--runs', '1', '--reporter', 'json']);
    const doc = parseReport(unsupported);
    expect(reportProblems(doc)).toEqual([]);
    expect(doc.results.find((x) => x.status === 'UNSUPPORTED')).toMatchObject({ runs: 0, reason: expect.stringMatching(/^no svr5-/) });
  });

  it('goes to --out, with the verdict on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmaconform-cli-'));
    const out = join(dir, 'report.json');
    const r = await cli([...MIXED, '--reporter', 'json', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^dmaconform: ${SELECTED} properties: .* NOT CONFORMING`));
    expect(reportProblems(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
  });
});

describe('the JUnit report', () => {
  it('is well-formed XML: one testsuite, one testcase per property, failures in full', async () => {
    const r = await cli(['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.*', '--property', 'zalloc-physreq.placement', '--budget', '0.5', '--seed', '2', '--reporter', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite ')).toBe(true);
    const suite = parseXml(r.stdout);
    expect(suite.name).toBe('testsuite');
    const cases = suite.children.filter((c) => c.name === 'testcase');
    expect(cases.length).toBe(SELECTED);
    expect(suite.attrs.tests).toBe(String(SELECTED));
    expect(Number(suite.attrs.failures)).toBe(cases.filter((c) => child(c, 'failure')).length);
    for (const c of cases) {
      expect(c.attrs.classname).toBe(c.attrs.name!.split('.')[0]);
      expect(Number(c.attrs.time)).toBeGreaterThanOrEqual(0);
    }
    const zalloc = cases.find((c) => c.attrs.name === 'zalloc-physreq.placement')!;
    expect(zalloc.attrs.classname).toBe('zalloc-physreq');
    const failure = child(cases.find((c) => c.attrs.name === 'aix.placement')!, 'failure')!;
    expect(failure.attrs.type).toMatch(/^d_alloc_dmamem\.align/);
    expect(failure.attrs.message).toMatch(/^\[d_alloc_dmamem\.align(-physical)?\] /);
    expect(failure.text).toMatch(/^clause: d_alloc_dmamem\.align(-physical)? \[MUST\]\n/);
    expect(failure.text).toMatch(/\ntrace:\n  setup\(ram /);
    // Addresses in a counterexample read as everywhere else in a report: 0x hex, never fast-check's 123n.
    expect(failure.text).toMatch(/\ncounterexample: .*"base":0x[0-9a-f]+/);
    expect(failure.text).not.toMatch(/\b\d+n\b/);
    expect(failure.text).toMatch(new RegExp(`\nreplay: npx dmaconform --impl fixtures/mutants/ignores-align\\.ts --property aix\\.placement --replay ${propertySeed(2, 'aix.placement')}:[\\d:]+$`));
    const props = child(suite, 'properties')!.children.map((p) => [p.attrs.name, p.attrs.value]);
    expect(props).toContainEqual(['implementation', 'mutant:ignores-align']);
    expect(props).toContainEqual(['seed', '2']);
  });

  it('reports crashes as <error> and missing families as <skipped>', async () => {
    const broken = parseXml((await cli([...MIXED, '--reporter', 'junit'])).stdout);
    const placement = broken.children.find((c) => c.attrs.name === 'aix.placement')!;
    expect(child(placement, 'error')!.attrs.type).toBe('BROKEN');
    expect(child(placement, 'error')!.text).toMatch(/^clause: \(none: the implementation crashed or hung\)/);
    expect(Number(broken.attrs.errors)).toBeGreaterThan(0);
    const example = parseXml((await cli(['--impl', 'fixtures/examples/my-allocator.ts', '--runs', '1', '--reporter', 'junit'])).stdout);
    const skipped = example.children.filter((c) => c.name === 'testcase' && child(c, 'skipped'));
    expect(skipped.length).toBe(Number(example.attrs.skipped));
    expect(skipped.length).toBeGreaterThan(0);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const nasty = `a<b>&"c"'d' ]]> \u0001\u0008 \uD800 ok`;
    const xml = `<r a="${escapeXml(nasty)}">${escapeXml(nasty)}</r>`;
    const el = parseXml(xml);
    expect(el.text).toBe(`a<b>&"c"'d' ]]>   ok`);
    expect(el.attrs.a).toBe(el.text);
  });

  it('the checker itself rejects malformed XML', () => {
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a b=c/>', '<a/><b/>', '<a>', '<a x="1" x="2"/>', '<a>&nbsp;</a>']) {
      expect(() => parseXml(bad), bad).toThrow(/^xml:/);
    }
  });
});
