import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, parseReport } from './helpers';

const MUTANT = ['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--seed', '1'];
let file: string;

beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'dmaconform-expect-')), 'expected.json');
});

const write = (content: unknown) => writeFileSync(file, JSON.stringify(content));
const read = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, { status: string; reason?: string }>;

/** The clause ignores-align breaks under this seed, as the run reports it. */
async function brokenClause(): Promise<string> {
  return parseReport(await cli([...MUTANT, '--reporter', 'json'])).results[0]!.failure!.clause!;
}

describe('--expectations', () => {
  it('a known failure (same clause, same status) does not fail the gate', async () => {
    const clause = await brokenClause();
    write({ [clause]: { status: 'FAIL', reason: 'alignment is not done yet' } });
    const r = await cli([...MUTANT, '--expectations', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/aix\.placement +FAIL \(expected\)/);
    expect(r.stdout).toContain(`expected failure: ${clause}`);
    expect(r.stdout).toMatch(/CONFORMING apart from the expected failures on the selection only \(1 of \d+ properties: --property aix\.placement\): not a verdict on the whole allocator\n$/);
    const json = parseReport(await cli([...MUTANT, '--expectations', file, '--reporter', 'json']));
    expect(json.conforming).toBe(false);
    expect(json.gate).toMatchObject({ passed: true, exitCode: 0, expected: [clause], regressions: [] });
  });

  it('an unexpected failure is a regression: exit 1', async () => {
    write({});
    const r = await cli([...MUTANT, '--expectations', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT CONFORMING: 1 property failed the gate \(aix\.placement\)/);
  });

  it('the same clause failing with another status is a regression too', async () => {
    write({ [await brokenClause()]: { status: 'TIMEOUT' } });
    expect((await cli([...MUTANT, '--expectations', file])).code).toBe(1);
  });

  it('an expected failure that now passes is reported, without failing the gate', async () => {
    write({ 'd_alloc_dmamem.align': { status: 'FAIL', reason: 'old bug' } });
    const r = await cli(['--property', 'aix.placement', '--runs', '5', '--expectations', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`now passes: d_alloc_dmamem.align: remove it from the expectations (${file})`);
    const json = await cli(['--property', 'aix.placement', '--runs', '5', '--expectations', file, '--reporter', 'json']);
    expect(parseReport(json).gate.nowPasses).toEqual(['d_alloc_dmamem.align']);
    expect(json.stderr).toContain('now passes: d_alloc_dmamem.align');
  });

  it('an expectation about a clause this run did not check is neither matched nor stale', async () => {
    write({ 'kmem_alloc_phys.below-4gb': { status: 'FAIL' } });
    const r = await cli(['--property', 'aix.placement', '--runs', '3', '--expectations', file, '--reporter', 'json']);
    expect(parseReport(r).gate).toMatchObject({ passed: true, expected: [], nowPasses: [] });
  });

  it('--update-expectations writes this run\'s failures, keeping existing reasons and unrelated entries', async () => {
    const clause = await brokenClause();
    write({ [clause]: { status: 'TIMEOUT', reason: 'written by hand' }, 'kmem_alloc_phys.below-4gb': { status: 'FAIL', reason: 'elsewhere' } });
    const r = await cli([...MUTANT, '--expectations', file, '--update-expectations']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`expectations written to ${file} (2 entries)`);
    expect(read()).toEqual({ [clause]: { status: 'FAIL', reason: 'written by hand' }, 'kmem_alloc_phys.below-4gb': { status: 'FAIL', reason: 'elsewhere' } });
    expect((await cli([...MUTANT, '--expectations', file])).code).toBe(0);
  });

  it('--update-expectations creates a missing file, and drops entries that now pass', async () => {
    const created = join(mkdtempSync(join(tmpdir(), 'dmaconform-expect-')), 'new.json');
    expect((await cli([...MUTANT, '--expectations', created, '--update-expectations'])).code).toBe(0);
    const entries = JSON.parse(readFileSync(created, 'utf8'));
    expect(Object.values(entries)).toEqual([{ status: 'FAIL', reason: expect.stringMatching(/^aix\.placement: /) }]);
    expect((await cli(['--property', 'aix.placement', '--runs', '3', '--expectations', created, '--update-expectations'])).code).toBe(0);
    expect(JSON.parse(readFileSync(created, 'utf8'))).toEqual({});
  });

  it('a crash is keyed by the property name, as it names no clause', async () => {
    const args = ['--impl', 'fixtures/external/ts-broken/throws.ts', '--property', 'aix.placement', '--runs', '2'];
    write({});
    expect((await cli([...args, '--expectations', file, '--update-expectations'])).code).toBe(0);
    expect(read()).toEqual({ 'aix.placement': { status: 'BROKEN', reason: expect.stringMatching(/TypeError/) } });
    expect((await cli([...args, '--expectations', file])).code).toBe(0);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['an array', '[]', /keyed by clause id/],
    ['an unknown clause', '{"no.such": {"status": "FAIL"}}', /'no.such' is neither a clause id nor a property name/],
    ['a bad status', '{"d_alloc_dmamem.align": {"status": "PASS"}}', /status "PASS"/],
  ])('a file that is %s is bad input: exit 2', async (_, content, message) => {
    writeFileSync(file, content);
    const r = await cli([...MUTANT, '--expectations', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dmaconform: --expectations [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
  });
});
