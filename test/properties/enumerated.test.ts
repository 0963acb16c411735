import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { createReference } from '../../impl/reference';
import { AIX_ENVIRONMENTS, DDI_VERSIONS, SVR5_CONTEXTS } from '../../spec/constants/context';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { allProperties } from '../../properties';
import { runProperty } from '../../properties/runner/run-property';

const byName = (name: string) => allProperties().find((p) => p.name === name)!;

const shown = (x: unknown): string => (typeof x === 'object' && x !== null ? JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v)) : String(x));

/** The reference, with every call's name, context and first arguments written down. */
function recording(): { impl: DmaImplementation; calls: string[] } {
  const calls: string[] = [];
  const target = createReference();
  const impl = new Proxy(target, {
    get(t, key, receiver) {
      const v = Reflect.get(t, key, receiver) as unknown;
      if (typeof v !== 'function' || typeof key !== 'string') return v;
      return (...args: unknown[]) => {
        calls.push([key, ...args.slice(0, 3).map(shown)].join(' '));
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { impl, calls };
}

describe('enumerated properties', () => {
  it('call every service from every context, on any seed', async () => {
    for (const seed of [1, 77]) {
      const { impl, calls } = recording();
      const r = await runProperty(byName('zalloc-physreq.contexts-each'), impl, { seed });
      expect(r.status).toBe('PASS');
      expect(r.runs).toBe(1);
      for (const ctx of SVR5_CONTEXTS) {
        for (const call of ['kmem_zalloc_physreq', 'kmem_free', 'physreq_alloc', 'physreq_prep', 'physreq_free']) expect(calls.some((c) => c.startsWith(`${call} ${ctx} `)), `${call} from ${ctx}`).toBe(true);
      }
    }
    const { impl, calls } = recording();
    await runProperty(byName('aix.contexts-each'), impl, { seed: 5 });
    for (const ctx of AIX_ENVIRONMENTS) for (const call of ['d_alloc_dmamem', 'd_map_init']) expect(calls.some((c) => c.startsWith(`${call} ${ctx} `)), `${call} from ${ctx}`).toBe(true);
  });

  it('boot every DDI version, try every d_map_init flag mix and every physreq field class', async () => {
    const versions = recording();
    await runProperty(byName('zalloc-physreq.versions-each'), versions.impl, { seed: 3 });
    for (const v of DDI_VERSIONS) expect(versions.calls.some((c) => c.startsWith('setup ') && c.includes(`"ddiVersion":"${v}"`)), `DDI ${v}`).toBe(true);
    const flags = recording();
    await runProperty(byName('aix.flags-each'), flags.impl, { seed: 3 });
    expect(new Set(flags.calls.filter((c) => c.startsWith('d_map_init ')).map((c) => c.split(' ')[3])).size).toBe(32);
    const fields = recording();
    await runProperty(byName('physcontig.physreq-fields-each'), fields.impl, { seed: 3 });
    expect(new Set(fields.calls.filter((c) => c.startsWith('physreq_set ')).map((c) => c.split(' ')[3])).size).toBeGreaterThanOrEqual(26);
  });

  it('name the failing case and show its trace alone, the same on every seed', async () => {
    const m = MUTANTS.find((x) => x.info.name === 'zalloc-sleeps-in-interrupt')!;
    const results = await Promise.all([1, 2, 99].map((seed) => runProperty(byName('zalloc-physreq.contexts-each'), m.create(), { seed })));
    for (const r of results) {
      expect(r.status).toBe('FAIL');
      expect(r.failure!.clause).toBe('svr5.km-sleep-context');
      expect(r.failure!.message).toMatch(/^case allocate-wait from (non-blockable|interrupt): /);
      expect(r.failure!.trace[0]).toMatch(/^case allocate-wait from /);
      expect(r.failure!.trace.filter((l) => l.startsWith('setup('))).toHaveLength(1);
      expect(r.failure!.message).toBe(results[0]!.failure!.message);
    }
  });
});
