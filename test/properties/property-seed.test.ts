import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { createReference } from '../../impl/reference';
import { allProperties } from '../../properties';
import { propertySeed } from '../../properties/runner/property-seed';
import { runSuite } from '../../properties/runner/run-suite';

describe('per-property seeds', () => {
  it('depend on both the run seed and the property name, and on nothing else', () => {
    expect(propertySeed(1, 'physcontig.placement')).toBe(propertySeed(1, 'physcontig.placement'));
    expect(propertySeed(1, 'physcontig.placement')).not.toBe(propertySeed(1, 'physreq.placement'));
    expect(propertySeed(1, 'physcontig.placement')).not.toBe(propertySeed(2, 'physcontig.placement'));
    const seeds = allProperties().map((p) => propertySeed(1, p.name));
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(Number.isSafeInteger(s) && s >= -(2 ** 31) && s < 2 ** 31).toBe(true);
  });

  it('give family copies of a property different inputs in one run', async () => {
    const report = await runSuite(() => createReference(), { seed: 1, only: ['kmem_alloc_physreq.constraints', 'kmem_alloc_physcontig.alignment'], numRuns: 1 });
    const placement = report.results.filter((r) => r.property.endsWith('.placement'));
    expect(placement.length).toBeGreaterThan(2);
    expect(new Set(placement.map((r) => r.seed)).size).toBe(placement.length);
  });

  it('replay the printed seed and path exactly through the suite', async () => {
    const m = MUTANTS.find((x) => x.info.name === 'ignores-align')!;
    const props = allProperties().filter((p) => p.name === 'aix.placement');
    const first = await runSuite(() => m.create(), { seed: 3, properties: props });
    const failure = first.results[0]!.failure!;
    const cut = failure.replay.indexOf(':');
    const again = await runSuite(() => m.create(), { seed: Number(failure.replay.slice(0, cut)), path: failure.replay.slice(cut + 1), properties: props });
    expect(again.results[0]!.failure?.counterexample).toBe(failure.counterexample);
    expect(again.results[0]!.failure?.message).toBe(failure.message);
  });
});
