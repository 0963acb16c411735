import { describe, expect, it } from 'vitest';
import { allProperties } from '../../properties';
import { cli, parseReport } from './helpers';

const total = allProperties().length;

describe('a verdict speaks of what the run covered', () => {
  it('a --property or --only selection is conforming on the selection only, with what to run next', async () => {
    const r = await cli(['--property', 'aix.*', '--only', 'd_alloc_dmamem.align-physical', '--runs', '2', '--seed', '1']);
    const n = allProperties().filter((p) => p.name.startsWith('aix.') && p.clauses.includes('d_alloc_dmamem.align-physical')).length;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\nnext: run without --property, --only or --replay to judge the whole allocator\\n${n} properties: ${n} judged \\(${n} PASS, 0 FAIL, 0 TIMEOUT, 0 BROKEN\\), 0 UNSUPPORTED\\nCONFORMING on the selection only \\(${n} of ${total} properties: --property aix\\.\\* --only d_alloc_dmamem\\.align-physical\\): not a verdict on the whole allocator\\n$`));
  });

  it('a replay that no longer fails says it covered one counterexample of one property', async () => {
    const failed = parseReport(await cli(['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--seed', '4', '--reporter', 'json']));
    const replay = failed.results[0]!.failure!.replay;
    const r = await cli(['--property', 'aix.placement', '--replay', replay]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nCONFORMING on the selection only \(a replay of aix\.placement\): not a verdict on the whole allocator\n$/);
  });

  it('--verbose lists the clauses each passing property covered; without it, the count and where to look', async () => {
    const args = ['--property', 'aix.placement', '--property', 'physcontig.placement', '--runs', '2', '--seed', '1'];
    const placement = allProperties().filter((p) => p.name === 'aix.placement' || p.name === 'physcontig.placement');
    const clauses = new Set(placement.flatMap((p) => p.clauses));
    const quiet = await cli(args);
    expect(quiet.stdout).toContain(`\ncovered: ${clauses.size} clauses checked by the passing properties (--verbose lists them per property); \`npx dmaconform clauses\` shows every clause and what checks it\n`);
    const verbose = await cli([...args, '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toContain('\nClauses covered by each passing property:\n');
    for (const p of placement) expect(verbose.stdout).toContain(`\n  ${p.name}: ${p.clauses.join(', ')}\n`);
  });

  it('the whole suite, passing, gets the plain verdict and the next step for a CI gate', async () => {
    const r = await cli(['--runs', '1', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\nnext: make it a CI gate [^\\n]*\\n${total} properties: ${total} judged \\(${total} PASS, 0 FAIL, 0 TIMEOUT, 0 BROKEN\\), 0 UNSUPPORTED\\nCONFORMING\\n$`));
  });
});
