import { describe, expect, it } from 'vitest';
import { FirstFitCore } from '../../fixtures/cores/first-fit';
import { IgnoresAlignCore } from '../../fixtures/cores/mutants/ignores-align';
import { aixFamily } from '../../properties/families/aix';
import { physcontigFamily } from '../../properties/families/svr5';
import { placementProperty } from '../../properties/catalogue/placement';
import { mustFailures, runCore } from './helpers';

describe('core mode: the walkthrough core (fixtures/cores/first-fit.ts)', () => {
  it('conforms on every property of every family, the shell around it', async () => {
    const report = await runCore(() => new FirstFitCore(), 1001, 0.3);
    expect(mustFailures(report)).toEqual([]);
    expect(report.summary.PASS).toBe(report.summary.total);
    expect(report.implementation).toBe('core first-fit');
  });

  it('ignoring the alignment is rejected with the alignment clause of each family', async () => {
    const props = [placementProperty(aixFamily), placementProperty(physcontigFamily)];
    const report = await runCore(() => new IgnoresAlignCore(), 7, 1, props);
    expect(report.results.map((r) => [r.status, r.failure?.clause])).toEqual([
      ['FAIL', 'd_alloc_dmamem.align-physical'],
      ['FAIL', 'kmem_alloc_physcontig.alignment'],
    ]);
  });
});
