import { describe, expect, it } from 'vitest';
import { DDI_VERSIONS, type DdiVersion } from '../../../spec/constants/context';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../../spec/constants/svr5';
import type { ServiceName } from '../../../spec/interface/implementation';
import { versionProblem } from '../../../spec/rules/version-rules';
import { boot, expectViolation, PAGE, prepped, type ProbeKernel } from './harness';

/** A call of each version-gated service that is valid in every other respect. */
const GATED: Array<[ServiceName, (ref: ProbeKernel, preq: number) => unknown]> = [
  ['kmem_alloc_physcontig', (ref, p) => ref.kmem_alloc_physcontig('user', PAGE, p, KM_NOSLEEP)],
  ['kmem_alloc_physreq', (ref, p) => ref.kmem_alloc_physreq('user', PAGE, p, KM_NOSLEEP)],
  ['kmem_zalloc_physreq', (ref, p) => ref.kmem_zalloc_physreq('user', PAGE, p, KM_NOSLEEP)],
  ['kmem_alloc_phys', (ref, p) => ref.kmem_alloc_phys('user', PAGE, p, KM_FAIL_OK)],
];

describe('reference: DDI version gating', () => {
  const rows = GATED.flatMap(([service, call]) => DDI_VERSIONS.map((v) => [service, v, call] as const));

  it.each(rows)('%s for a DDI %s driver', (service, ddi, call) => {
    const ref = boot({ ddi });
    const preq = prepped(ref, { phys_dmasize: 32 });
    const clause = versionProblem(service, ddi);
    if (clause === null) expect(call(ref, preq)).not.toBeNull();
    else expectViolation(ref, () => call(ref, preq), clause, service);
  });

  it.each(DDI_VERSIONS)('kmem_free_physcontig for a DDI %s driver', (ddi) => {
    const ref = boot({ ddi });
    const clause = versionProblem('kmem_free_physcontig', ddi);
    if (clause === null) {
      const v = ref.kmem_alloc_physcontig('user', PAGE, prepped(ref), KM_NOSLEEP) as bigint;
      ref.kmem_free_physcontig('user', v, PAGE);
      expect(ref.kernel.table.size).toBe(0);
    } else {
      // Checked before anything else: even a release of nothing names the version rule.
      expectViolation(ref, () => ref.kmem_free_physcontig('user', 0x1000n, PAGE), clause, 'kmem_free_physcontig');
    }
  });

  it('names the version rule before any context or flag problem', () => {
    const ref = boot({ ddi: '7' });
    const preq = prepped(ref);
    expectViolation(ref, () => ref.kmem_alloc_physcontig('interrupt', 0n, preq, KM_SLEEP), 'kmem_alloc_physcontig.ddi-version');
    expectViolation(ref, () => ref.kmem_alloc_phys('interrupt', PAGE, 999, 7), 'kmem_alloc_phys.ddi-version');
  });

  it.each<DdiVersion>(DDI_VERSIONS)('physreq services, kmem_free and the AIX services exist for DDI %s', (ddi) => {
    const ref = boot({ ddi });
    const p = ref.physreq_alloc('user', KM_SLEEP);
    ref.physreq_set('user', p, { phys_align: 16n });
    expect(ref.physreq_prep('user', p, KM_NOSLEEP)).toBe(true);
    ref.physreq_free('user', p);
    expectViolation(ref, () => ref.kmem_free('user', 0x1000n, PAGE), 'kmem_free.exact-match', 'kmem_free');
    const h = ref.d_map_init('process', 0, 0, 0, 0);
    const v = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
    expect(ref.d_free_dmamem('process', h, v, PAGE)).toBe(0);
    ref.d_map_clear('process', h);
  });
});
