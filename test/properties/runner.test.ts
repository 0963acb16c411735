import { describe, expect, it } from 'vitest';
import { createImplementation as ignoresAlign } from '../../fixtures/mutants/ignores-align';
import { createImplementation as leaks } from '../../fixtures/mutants/leaks-on-failure';
import { createReference } from '../../impl/reference';
import { allProperties } from '../../properties';
import { runProperty } from '../../properties/runner/run-property';
import { runSuite } from '../../properties/runner/run-suite';
import { parseShard, selectByClauses, shardRuns } from '../../properties/runner/select';

const byName = (name: string) => allProperties().find((p) => p.name === name)!;

describe('runProperty', () => {
  it('reports a failure with its clause, a short trace, and a replay that reproduces it', async () => {
    const prop = byName('aix.placement');
    const r = await runProperty(prop, ignoresAlign(), { seed: 7 });
    expect(r.status).toBe('FAIL');
    expect(r.failure!.clause).toMatch(/^d_alloc_dmamem\.align/);
    expect(r.failure!.trace.length).toBeLessThanOrEqual(4);
    expect(r.failure!.trace[0]).toMatch(/^setup\(/);
    const cut = r.failure!.replay.indexOf(':');
    const again = await runProperty(prop, ignoresAlign(), { seed: Number(r.failure!.replay.slice(0, cut)), path: r.failure!.replay.slice(cut + 1) });
    expect(again.failure!.counterexample).toBe(r.failure!.counterexample);
    expect(again.failure!.trace).toEqual(r.failure!.trace);
    // The same replay against an allocator it does not trip checks that one input, not the values fast-check has after it.
    const passes = await runProperty(prop, createReference(), { seed: Number(r.failure!.replay.slice(0, cut)), path: r.failure!.replay.slice(cut + 1) });
    expect(passes).toMatchObject({ status: 'PASS', runs: 1 });
  });

  it('is deterministic for a seed', async () => {
    const prop = byName('aix.interleaving');
    const a = await runProperty(prop, leaks(), { seed: 99 });
    const b = await runProperty(prop, leaks(), { seed: 99 });
    expect(a.status).toBe('FAIL');
    expect(b.failure).toEqual({ ...a.failure });
  });

  it('says UNSUPPORTED for a family the implementation lacks', async () => {
    const impl = createReference();
    const aixOnly = Object.assign(Object.create(impl), { families: ['aix'] });
    const r = await runProperty(byName('physcontig.placement'), aixOnly, { seed: 1 });
    expect(r.status).toBe('UNSUPPORTED');
  });
});

describe('selection and sharding', () => {
  it('selects properties by clause id or glob', () => {
    const names = selectByClauses(allProperties(), ['kmem_alloc_phys.*']).map((p) => p.name);
    expect(names).toContain('phys.placement');
    expect(names.every((n) => n.startsWith('phys.') || n.includes('misuse') || n.includes('invalid'))).toBe(true);
    expect(selectByClauses(allProperties(), ['no.such-clause'])).toEqual([]);
  });

  it('splits runs so that the shards add up to the whole', () => {
    for (const runs of [1, 7, 60, 150]) {
      for (const count of [1, 2, 3, 8]) {
        const parts = Array.from({ length: count }, (_, i) => shardRuns(runs, { index: i + 1, count }));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(runs);
      }
    }
    expect(() => parseShard('3/2')).toThrow(/--shard/);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });

  it('runs a shard of the suite with the shard seed', async () => {
    const only = ['d_alloc_dmamem.size-zero'];
    const whole = await runSuite(() => createReference(), { seed: 5, only });
    const shards = await Promise.all([1, 2].map((index) => runSuite(() => createReference(), { seed: 5, only, shard: { index, count: 2 } })));
    const runs = (rs: typeof whole) => rs.results.reduce((n, r) => n + r.runs, 0);
    expect(runs(shards[0]!) + runs(shards[1]!)).toBe(runs(whole));
  });
});
