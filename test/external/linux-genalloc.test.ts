import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGenallocCore, type GenallocAlgorithm } from '../../fixtures/external/linux/build';
import { allProperties } from '../../properties';
import { cli, parseReport, ROOT } from '../cli/helpers';
import { DEEP, sweep } from '../setup/depth';
import { built, linuxTestsRun } from './linux-helpers';

/** The known SHOULD misses of each algorithm (docs/conformance.md), none for first_fit_align. */
const EXPECTATIONS: Readonly<Record<GenallocAlgorithm, string[]>> = {
  'first-fit-align': [],
  'first-fit-order-align': ['--expectations', join(ROOT, 'fixtures', 'external', 'linux', 'genalloc', 'first-fit-order-align.expectations.json')],
};
// Through --core-exec the suite's service layer serves every family around the core.
const served = allProperties();

describe.runIf(linuxTestsRun('the real lib/genalloc.c cores'))('real lib/genalloc.c as placement cores, through --core-exec', () => {
  for (const algorithm of Object.keys(EXPECTATIONS) as GenallocAlgorithm[]) {
    // npm test runs seed 1, test:deep seeds 2 and 3.
    for (const seed of sweep([1, 2, 3], 1)) {
      it(`gen_pool_${algorithm.replace(/-/g, '_')} conforms on seed ${seed}`, async () => {
        const binary = built(buildGenallocCore(algorithm)).path;
        // --strict: a SHOULD miss fails too, unless its clause is a known one.
        const r = await cli(['--core-exec', JSON.stringify(binary), '--seed', String(seed), '--budget', '0.3', '--strict', ...EXPECTATIONS[algorithm], '--reporter', 'json']);
        const report = parseReport(r);
        expect(report.implementation).toBe(`core genalloc-${algorithm}`);
        const unexpected = report.results.filter((x) => x.status !== 'PASS' && x.status !== 'UNSUPPORTED' && (x as { disposition?: string }).disposition !== 'expected');
        expect(unexpected.map((x) => `${x.property}: ${x.failure?.message}`)).toEqual([]);
        // Every property ran: passed, or missed only a listed SHOULD.
        expect(report.results.filter((x) => x.status !== 'UNSUPPORTED').map((x) => x.property).sort()).toEqual(served.map((p) => p.name).sort());
        expect(r.code).toBe(0);
      }, 300_000);
    }
  }
});

describe.runIf(!DEEP && linuxTestsRun('the real lib/genalloc.c cores'))('a fault planted under genalloc is caught', () => {
  it('alignment counted from the chunk instead of address 0 fails the alignment clauses', async () => {
    const binary = built(buildGenallocCore('first-fit-align', 'drop-align-offset')).path;
    const r = await cli(['--core-exec', JSON.stringify(binary), '--property', 'aix.placement', '--property', 'physcontig.placement', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(parseReport(r).results.map((x) => [x.status, x.failure?.clause])).toEqual([
      ['FAIL', 'd_alloc_dmamem.align-physical'],
      ['FAIL', 'kmem_alloc_physcontig.alignment'],
    ]);
  });
});
