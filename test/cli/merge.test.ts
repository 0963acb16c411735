import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, parseReport, type JsonReport } from './helpers';
import { reportProblems } from './report-shape';
import { parseXml } from './xml-check';

let dir = '';
const path = (name: string) => join(dir, name);

/** Runs one shard and writes its JSON report; returns the file. */
async function shard(name: string, args: string[]): Promise<string> {
  const file = path(name);
  const r = await cli([...args, '--reporter', 'json', '--out', file]);
  expect(r.code, r.stderr).toBeLessThan(2);
  return file;
}

const MUTANT = ['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--property', 'aix.unknown-flags', '--seed', '5'];
const REFERENCE = ['--runs', '7', '--seed', '11', '--property', 'aix.*'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dmaconform-merge-'));
  for (let k = 1; k <= 3; k++) await shard(`ref-${k}.json`, [...REFERENCE, '--shard', `${k}/3`]);
  for (let k = 1; k <= 2; k++) await shard(`mutant-${k}.json`, [...MUTANT, '--shard', `${k}/2`]);
  await shard('other-seed.json', ['--runs', '7', '--seed', '12', '--property', 'aix.*', '--shard', '3/3']);
  writeFileSync(path('report.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dmaconform"/>\n');
  writeFileSync(path('notes.txt'), 'shard 1 of 3: passed\n');
});

describe('dmaconform merge', () => {
  it('the shards of a conforming run merge into the whole run: every property with all its runs, exit 0', async () => {
    const whole = parseReport(await cli([...REFERENCE, '--reporter', 'json']));
    const r = await cli(['merge', path('ref-1.json'), path('ref-2.json'), path('ref-3.json'), '--reporter', 'json']);
    expect(r.code).toBe(0);
    const merged = parseReport(r);
    expect(reportProblems(merged)).toEqual([]);
    expect(merged.conforming).toBe(true);
    expect(merged.seed).toBe(11);
    expect(new Map(merged.results.map((x) => [x.property, x.runs]))).toEqual(new Map(whole.results.map((x) => [x.property, x.runs])));
    expect(merged.summary.total).toBe(whole.summary.total);
    expect(r.stderr).toMatch(/^dmaconform: \d+ properties: .*: CONFORMING on the selection only \(\d+ of \d+ properties\): not a verdict on the whole allocator\n$/);
  });

  it('a failure in one shard fails the merged verdict, with that shard\'s replay; an expectations file is honoured', async () => {
    const shards = [path('mutant-1.json'), path('mutant-2.json')];
    const parts = shards.map((f) => JSON.parse(readFileSync(f, 'utf8')) as JsonReport);
    const failing = parts.flatMap((p) => p.results).filter((x) => x.property === 'aix.placement' && x.status === 'FAIL');
    expect(failing.length).toBeGreaterThan(0);
    const r = await cli(['merge', ...shards, '--reporter', 'json']);
    expect(r.code).toBe(1);
    const placement = parseReport(r).results.find((x) => x.property === 'aix.placement')!;
    expect(placement.status).toBe('FAIL');
    expect(placement.runs).toBe(parts.reduce((n, p) => n + (p.results.find((x) => x.property === 'aix.placement')?.runs ?? 0), 0));
    expect(placement.failure!.replayCommand).toBe(failing[0]!.failure!.replayCommand);
    const expected = path('expected.json');
    writeFileSync(expected, JSON.stringify({ [placement.failure!.clause!]: { status: 'FAIL', reason: 'known' } }));
    const gated = await cli(['merge', ...shards, '--expectations', expected]);
    expect(gated.code).toBe(0);
    expect(gated.stdout).toMatch(/CONFORMING apart from the expected failures on the selection only \(2 of \d+ properties\): not a verdict on the whole allocator\n$/);
    const junit = parseXml((await cli(['merge', ...shards, '--reporter', 'junit'])).stdout);
    expect(junit.children.filter((c) => c.name === 'testcase').length).toBe(2);
  });

  it.each([
    ['a missing shard', ['ref-1.json', 'ref-3.json'], /shard 2\/3 missing/],
    ['a shard given twice', ['ref-1.json', 'ref-2.json', 'ref-2.json', 'ref-3.json'], /are both shard 2\/3/],
    ['shards of different seeds', ['ref-1.json', 'ref-2.json', 'other-seed.json'], /ran with seed 12, .* with 11: give every shard the same --seed/],
    ['shards of different allocators', ['ref-1.json', 'mutant-2.json'], /tested 'mutant:ignores-align'/],
    ['a file that is not a report', ['../../package.json'], /not a dmaconform JSON report/],
    ['a file that does not exist', ['nothing.json'], /cannot read/],
    ['a JUnit report', ['report.xml'], /^dmaconform: merge: \S+report\.xml: not JSON \(an HTML or XML report\? merge takes the reports written with --reporter json\)\n$/],
    ['a text file', ['notes.txt'], /^dmaconform: merge: \S+notes\.txt: not JSON \(merge takes the reports written with --reporter json\)\n$/],
  ])('%s: exit 2 and one line', async (_, files, message) => {
    const r = await cli(['merge', ...files.map((f) => (f.startsWith('..') ? f.slice(6) : path(f)))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dmaconform: merge[^\n]*\n$/);
    expect(r.stderr).toMatch(message);
  });

  it('an interrupted shard is refused: its results are incomplete', async () => {
    const doc = JSON.parse(readFileSync(path('ref-2.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path('cut.json'), JSON.stringify({ ...doc, interrupted: { signal: 'SIGINT', property: 'aix.placement' } }));
    const r = await cli(['merge', path('ref-1.json'), path('cut.json'), path('ref-3.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut\.json: that run was interrupted/);
  });

  it('merge without files is a usage error', async () => {
    const r = await cli(['merge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name the JSON reports to merge/);
  });
});
