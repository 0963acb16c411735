import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDmapoolExec, type DmapoolFault } from '../../fixtures/external/linux/build';
import { allProperties } from '../../properties';
import { cli, parseReport, ROOT, type JsonResult } from '../cli/helpers';
import { DEEP, sweep } from '../setup/depth';
import { built, linuxTestsRun } from './linux-helpers';

const EXPECTATIONS = join(ROOT, 'fixtures', 'external', 'linux', 'dmapool', 'exec.expectations.json');
const LINUX = allProperties()
  .filter((p) => p.families.includes('linux'))
  .map((p) => p.name)
  .sort();

const describeResult = (r: JsonResult) => `${r.property}: ${r.status} ${r.failure?.clause ?? ''} ${r.failure?.message ?? ''}`;

// Asked once, so a missing package is one line.
const runs = linuxTestsRun('the real mm/dmapool.c over --exec');

describe.runIf(runs)('real mm/dmapool.c as a whole Linux-family service, through --exec', () => {
  // npm test runs seed 1, test:deep seeds 2 and 3.
  for (const seed of sweep([1, 2, 3], 1)) {
    it(`every Linux property is judged and passes, bar the known SHOULD miss, on seed ${seed}`, async () => {
      const binary = built(buildDmapoolExec()).path;
      // --strict: a SHOULD miss fails too, unless it is the known one of the expectations file.
      const r = await cli(['--exec', JSON.stringify(binary), '--seed', String(seed), '--require-family', 'linux', '--strict', '--expectations', EXPECTATIONS, '--reporter', 'json']);
      const report = parseReport(r);
      expect(report.implementation).toBe('linux-dmapool');
      const judged = report.results.filter((x) => x.status !== 'UNSUPPORTED');
      expect(judged.map((x) => x.property).sort()).toEqual(LINUX);
      const missed = judged.filter((x) => x.status !== 'PASS');
      // Production dma_pool_free checks nothing: only the double free of dma-api.misuse may show, as a SHOULD.
      expect(missed.filter((x) => x.property !== 'dma-api.misuse' || x.failure?.clause !== 'dma_pool_free.from-this-pool').map(describeResult)).toEqual([]);
      expect(r.code).toBe(0);
    }, 300_000);
  }
});

describe.runIf(!DEEP && runs)('a fault planted in mm/dmapool.c is caught', () => {
  const FAULTS: ReadonlyArray<[DmapoolFault, string]> = [
    ['ignore-boundary', 'dma_pool_alloc.boundary'],
    ['unaligned-size', 'dma_pool_alloc.size-align'],
  ];
  for (const [fault, clause] of FAULTS) {
    it(`${fault} fails ${clause}`, async () => {
      const binary = built(buildDmapoolExec({ fault })).path;
      const r = await cli(['--exec', JSON.stringify(binary), '--property', 'pool.blocks', '--seed', '1', '--reporter', 'json']);
      expect(r.code).toBe(1);
      const report = parseReport(r);
      expect(report.conforming).toBe(false);
      expect(report.results.map((x) => [x.property, x.status, x.failure?.clause])).toEqual([['pool.blocks', 'FAIL', clause]]);
    }, 120_000);
  }
});
