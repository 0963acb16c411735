import { describe, expect, it } from 'vitest';
import { buildDmapoolEngine, buildGenallocCore, type DmapoolFault } from '../../fixtures/external/linux/build';
import { allProperties } from '../../properties';
import { cli, parseReport, type JsonResult } from '../cli/helpers';
import { DEEP, sweep } from '../setup/depth';
import { built, linuxTestsRun } from './linux-helpers';

const LINUX = allProperties()
  .filter((p) => p.families.includes('linux'))
  .map((p) => p.name)
  .sort();
const SELECT = LINUX.flatMap((p) => ['--property', p]);
/** The properties that reach dma_pool_*: the engine lays their blocks; the coherent ones never call it. */
const POOLS = LINUX.filter((p) => /^(pool|dma-api)/.test(p));

const describeResult = (r: JsonResult) => `${r.property}: ${r.status} ${r.failure?.clause ?? ''} ${r.failure?.message ?? ''}`;

const runs = linuxTestsRun('the real mm/dmapool.c as a pool engine');

describe.runIf(runs)('real mm/dmapool.c as a pool engine over the suite\'s own coherent memory (--pools-exec)', () => {
  // npm test runs seed 1, test:deep seeds 2 and 3.
  for (const seed of sweep([1, 2, 3], 1)) {
    it(`passes every property that reaches the pools, its coherent memory placed by the reference, on seed ${seed}`, async () => {
      const engine = built(buildDmapoolEngine()).path;
      const r = await cli(['--pools-exec', JSON.stringify(engine), ...POOLS.flatMap((p) => ['--property', p]), '--seed', String(seed), '--strict', '--reporter', 'json']);
      const report = parseReport(r);
      expect(report.implementation).toBe('reference + pools linux-dmapool-engine');
      expect(report.results.filter((x) => x.status !== 'PASS').map(describeResult)).toEqual([]);
      expect(report.results.map((x) => x.property).sort()).toEqual(POOLS);
      expect(r.code).toBe(0);
    }, 300_000);
  }

  it.runIf(DEEP)('passes every Linux property with both real pieces: genalloc placing, dmapool laying blocks', async () => {
    const core = built(buildGenallocCore('first-fit-order-align')).path;
    const engine = built(buildDmapoolEngine()).path;
    const r = await cli(['--core-exec', JSON.stringify(core), '--pools-exec', JSON.stringify(engine), ...SELECT, '--seed', '1', '--reporter', 'json']);
    const report = parseReport(r);
    expect(report.implementation).toBe('core genalloc-first-fit-order-align + pools linux-dmapool-engine');
    expect(report.results.filter((x) => x.status !== 'PASS').map(describeResult)).toEqual([]);
    expect(r.code).toBe(0);
  }, 300_000);
});

describe.runIf(!DEEP && runs)('a fault planted in mm/dmapool.c is caught through --pools-exec', () => {
  const FAULTS: ReadonlyArray<[DmapoolFault, string]> = [
    ['ignore-boundary', 'dma_pool_alloc.boundary'],
    ['unaligned-size', 'dma_pool_alloc.size-align'],
  ];
  for (const [fault, clause] of FAULTS) {
    it(`${fault} fails ${clause}`, async () => {
      const engine = built(buildDmapoolEngine({ fault })).path;
      const r = await cli(['--pools-exec', JSON.stringify(engine), '--property', 'pool.blocks', '--seed', '1', '--reporter', 'json']);
      expect(r.code).toBe(1);
      expect(parseReport(r).results.map((x) => [x.property, x.status, x.failure?.clause])).toEqual([['pool.blocks', 'FAIL', clause]]);
    }, 120_000);
  }
});
