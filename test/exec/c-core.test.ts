import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCCore } from '../../fixtures/external/c/build';
import { allProperties } from '../../properties';
import { cli, parseReport, ROOT } from '../cli/helpers';

const CORES = join(ROOT, 'fixtures', 'cores', 'c');
const quote = (path: string) => JSON.stringify(path);

describe('placement-core mode in C: a core linked with the shell speaks the exec protocol', () => {
  it('the bitmap core conforms on every property of the families the C shell serves', async () => {
    const binary = buildCCore(join(CORES, 'bitmap.c'), 'bitmap');
    const r = await cli(['--exec', quote(binary), '--budget', '0.3', '--seed', '31', '--reporter', 'json']);
    const report = parseReport(r);
    expect(report.implementation).toBe('core-bitmap');
    expect(report.results.filter((x) => x.status !== 'PASS' && x.status !== 'UNSUPPORTED').map((x) => `${x.property}: ${x.failure?.message}`)).toEqual([]);
    // Every property of the families the C shell serves (AIX, DDI 5/6 physcontig) ran and passed.
    const served = allProperties().filter((p) => p.families.every((f) => f === 'aix' || f === 'svr5-physcontig'));
    expect(report.results.filter((x) => x.status === 'PASS').length).toBe(served.length);
    expect(r.code).toBe(0);
    // The process says it is a placement core: properties only the shell answers for are marked.
    const reasons = new Map(report.results.map((x) => [x.property, (x as { reason?: string }).reason]));
    expect(reasons.get('aix.contexts')).toMatch(/supplied by the shell/);
    expect(reasons.get('physcontig.placement')).toBeUndefined();
  });

  it('the same core with the alignment dropped is rejected with the alignment clause', async () => {
    const binary = buildCCore(join(CORES, 'mutants', 'ignores-align.c'), 'bitmap-ignores-align');
    const r = await cli(['--exec', quote(binary), '--property', 'aix.placement', '--property', 'physcontig.placement', '--seed', '32', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(parseReport(r).results.map((x) => [x.status, x.failure?.clause])).toEqual([
      ['FAIL', 'd_alloc_dmamem.align-physical'],
      ['FAIL', 'kmem_alloc_physcontig.alignment'],
    ]);
  });
});

describe('a C core that keeps its own bytes (core_memory)', () => {
  it('conforms, the suite reading and writing its arena', async () => {
    const binary = buildCCore(join(CORES, 'arena-bitmap.c'), 'arena-bitmap');
    const r = await cli(['--exec', quote(binary), '--property', '*.placement', '--property', '*.interleaving', '--property', '*.threads', '--budget', '0.3', '--seed', '33', '--reporter', 'json']);
    expect(parseReport(r).results.filter((x) => x.failure !== undefined).map((x) => x.failure!.message)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('writing into a live neighbour\'s bytes on free is caught as corrupted data', async () => {
    const binary = buildCCore(join(CORES, 'mutants', 'scribbles-on-free.c'), 'scribbles-on-free');
    const r = await cli(['--exec', quote(binary), '--property', 'aix.interleaving', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(parseReport(r).results[0]!.failure!.clause).toBe('dma.data-integrity');
  });
});
