import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { findClause } from '../../../spec/clauses';
import type { DdiVersion } from '../../../spec/constants/context';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP, PREQ_PHYSCONTIG } from '../../../spec/constants/svr5';
import type { PhysAllocation } from '../../../spec/interface/implementation';
import { boot, expectViolation, flush, PAGE, pattern, prepped, ramMap, track } from './harness';

/**
 * A busy kernel to misuse: live memory of every kind with data in it,
 * handles, physreqs in every state, and a KM_SLEEP caller still waiting.
 */
function busy(ddi: DdiVersion) {
  const ref = boot({ ddi, map: ramMap(32) });
  const h = ref.d_map_init('process', 0, 0, 0, 0);
  const aix = ref.d_alloc_dmamem('process', h, 2n * PAGE, 12)!;
  const ok = prepped(ref, { phys_dmasize: 32, phys_boundary: 16n * PAGE, phys_max_scgth: 2 });
  const contig = ddi.startsWith('5') ? (ref.kmem_alloc_physcontig('user', 3n * PAGE, ok, KM_NOSLEEP) as bigint) : 0n;
  const physreq = ddi.startsWith('8') ? (ref.kmem_alloc_physreq('user', 3n * PAGE, ok, KM_NOSLEEP) as bigint) : 0n;
  const phys = ddi.startsWith('8') ? (ref.kmem_alloc_phys('user', PAGE, ok, KM_FAIL_OK) as PhysAllocation).vaddr : 0n;
  const unprepped = ref.physreq_alloc('user', KM_SLEEP);
  const refused = ref.physreq_alloc('user', KM_SLEEP);
  ref.physreq_set('user', refused, { phys_align: 3n });
  ref.physreq_prep('user', refused, KM_SLEEP);
  const changed = prepped(ref);
  ref.physreq_set('user', changed, { phys_align: 64n });
  const freed = prepped(ref);
  ref.physreq_free('user', freed);
  const noDmasize = prepped(ref);
  const contigBoundary = prepped(ref, { phys_flags: PREQ_PHYSCONTIG, phys_boundary: 2n * PAGE });
  let n = 0;
  for (const v of [aix, contig, physreq, phys]) if (v !== 0n) ref.write(v, pattern(4096, ++n));
  // Released at once, after every other allocation so that no one reuses its address: the address of a double free.
  const gone = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
  ref.d_free_dmamem('process', h, gone, PAGE);
  // All 32 pages: cannot be met while anything else is live.
  const plain = prepped(ref);
  const wait = ddi.startsWith('5') ? ref.kmem_alloc_physcontig('user', 32n * PAGE, plain, KM_SLEEP) : ref.kmem_alloc_physreq('user', 32n * PAGE, plain, KM_SLEEP);
  const sleeper = track(wait);
  return { ref, h, aix, gone, ok, contig, physreq, phys, unprepped, refused, changed, freed, noDmasize, contigBoundary, sleeper };
}

type Busy = ReturnType<typeof busy>;
type Scenario = [name: string, ddi: DdiVersion, clause: string, call: (b: Busy) => unknown];

const SCENARIOS: Scenario[] = [
  ['d_map_init from interrupt', '5', 'd_map_init.process-environment', (b) => b.ref.d_map_init('interrupt', 0, 0, 0, 0)],
  ['d_map_clear of an unknown handle', '5', 'd_map_clear.releases-handle', (b) => b.ref.d_map_clear('process', b.h + 100)],
  ['d_map_clear with live memory', '5', 'd_map_clear.live-allocations', (b) => b.ref.d_map_clear('process', b.h)],
  ['d_alloc_dmamem from interrupt', '5', 'd_alloc_dmamem.process-environment', (b) => b.ref.d_alloc_dmamem('interrupt', b.h, PAGE, 12)],
  ['d_alloc_dmamem on an unknown handle', '5', 'd_alloc_dmamem.valid-handle', (b) => b.ref.d_alloc_dmamem('process', 999, PAGE, 12)],
  ['d_alloc_dmamem align 64', '5', 'd_alloc_dmamem.align-range', (b) => b.ref.d_alloc_dmamem('process', b.h, PAGE, 64)],
  ['d_alloc_dmamem size 0', '5', 'd_alloc_dmamem.size-zero', (b) => b.ref.d_alloc_dmamem('process', b.h, 0n, 12)],
  ['d_free_dmamem on an unknown handle', '5', 'd_free_dmamem.exact-match', (b) => b.ref.d_free_dmamem('process', 999, b.aix, 2n * PAGE)],
  ['d_free_dmamem of an interior address', '5', 'd_free_dmamem.exact-match', (b) => b.ref.d_free_dmamem('process', b.h, b.aix + PAGE, PAGE)],
  ['d_free_dmamem twice', '5', 'd_free_dmamem.exact-match', (b) => b.ref.d_free_dmamem('process', b.h, b.gone, PAGE)],
  ['kmem_free_physcontig of a freed address', '5', 'kmem_free_physcontig.exact-match', (b) => b.ref.kmem_free_physcontig('user', b.gone, PAGE)],
  ['kmem_free of a freed address', '8', 'kmem_free.exact-match', (b) => b.ref.kmem_free('user', b.gone, PAGE)],
  ['d_free_dmamem wrong size', '5', 'd_free_dmamem.exact-match', (b) => b.ref.d_free_dmamem('process', b.h, b.aix, PAGE)],
  ['d_free_dmamem of SVR5 memory', '5', 'd_free_dmamem.pairing', (b) => b.ref.d_free_dmamem('process', b.h, b.contig, 3n * PAGE)],
  ['physreq_alloc bad flag', '5', 'svr5.km-flag-values', (b) => b.ref.physreq_alloc('user', 9)],
  ['physreq_alloc KM_SLEEP from interrupt', '5', 'svr5.km-sleep-context', (b) => b.ref.physreq_alloc('interrupt', KM_SLEEP)],
  ['physreq_set on a freed physreq', '5', 'physreq.from-physreq_alloc', (b) => b.ref.physreq_set('user', b.freed, { phys_align: 2n })],
  ['physreq_prep on a freed physreq', '5', 'physreq.from-physreq_alloc', (b) => b.ref.physreq_prep('user', b.freed, KM_NOSLEEP)],
  ['physreq_prep KM_SLEEP from non-blockable', '5', 'svr5.km-sleep-context', (b) => b.ref.physreq_prep('non-blockable', b.ok, KM_SLEEP)],
  ['physreq_free twice', '5', 'physreq.from-physreq_alloc', (b) => b.ref.physreq_free('user', b.freed)],
  ['kmem_alloc_physcontig KM_SLEEP from interrupt', '5', 'kmem_alloc_physcontig.context-sleep', (b) => b.ref.kmem_alloc_physcontig('interrupt', PAGE, b.ok, KM_SLEEP)],
  ['kmem_alloc_physcontig bad flag', '5', 'svr5.km-flag-values', (b) => b.ref.kmem_alloc_physcontig('user', PAGE, b.ok, 5)],
  ['kmem_alloc_physcontig freed physreq', '5', 'physreq.from-physreq_alloc', (b) => b.ref.kmem_alloc_physcontig('user', PAGE, b.freed, KM_NOSLEEP)],
  ['kmem_alloc_physcontig unprepped', '5', 'kmem_alloc_physcontig.physreq-prepped', (b) => b.ref.kmem_alloc_physcontig('user', PAGE, b.unprepped, KM_NOSLEEP)],
  ['kmem_alloc_physcontig refused', '5', 'physreq_prep.rejects-unsupportable', (b) => b.ref.kmem_alloc_physcontig('user', PAGE, b.refused, KM_NOSLEEP)],
  ['kmem_alloc_physcontig changed', '5', 'physreq_prep.no-change-after-prep', (b) => b.ref.kmem_alloc_physcontig('user', PAGE, b.changed, KM_SLEEP)],
  ['kmem_alloc_physcontig size 0', '5', 'kmem_alloc_physcontig.size-nonzero', (b) => b.ref.kmem_alloc_physcontig('user', 0n, b.ok, KM_SLEEP)],
  ['kmem_alloc_physcontig above boundary', '5', 'physreq.boundary-below-size', (b) => b.ref.kmem_alloc_physcontig('user', 17n * PAGE, b.ok, KM_SLEEP)],
  ['kmem_free_physcontig unknown', '5', 'kmem_free_physcontig.exact-match', (b) => b.ref.kmem_free_physcontig('user', 0x5000n, PAGE)],
  ['kmem_free_physcontig wrong size', '5', 'kmem_free_physcontig.exact-match', (b) => b.ref.kmem_free_physcontig('user', b.contig, 2n * PAGE)],
  ['kmem_free_physcontig partial', '5', 'kmem_free_physcontig.exact-match', (b) => b.ref.kmem_free_physcontig('user', b.contig + PAGE, 2n * PAGE)],
  ['kmem_free_physcontig of AIX memory', '5', 'kmem_free_physcontig.pairing', (b) => b.ref.kmem_free_physcontig('user', b.aix, 2n * PAGE)],
  ['kmem_free of physcontig memory', '5', 'kmem_free_physcontig.pairing', (b) => b.ref.kmem_free('user', b.contig, 3n * PAGE)],
  ['kmem_alloc_physreq in DDI 5', '5', 'kmem_alloc_physreq.ddi-version', (b) => b.ref.kmem_alloc_physreq('user', PAGE, b.ok, KM_NOSLEEP)],
  ['kmem_alloc_physcontig in DDI 8', '8', 'kmem_alloc_physcontig.ddi-version', (b) => b.ref.kmem_alloc_physcontig('user', PAGE, b.ok, KM_NOSLEEP)],
  ['kmem_free_physcontig in DDI 8', '8', 'kmem_alloc_physcontig.ddi-version', (b) => b.ref.kmem_free_physcontig('user', b.physreq, 3n * PAGE)],
  ['kmem_alloc_physreq unprepped', '8', 'physreq_prep.before-use', (b) => b.ref.kmem_alloc_physreq('user', PAGE, b.unprepped, KM_NOSLEEP)],
  ['kmem_zalloc_physreq KM_SLEEP from interrupt', '8', 'svr5.km-sleep-context', (b) => b.ref.kmem_zalloc_physreq('interrupt', PAGE, b.ok, KM_SLEEP)],
  ['kmem_alloc_physreq above the segment limit', '8', 'physreq.max-scgth', (b) => b.ref.kmem_alloc_physreq('user', 33n * PAGE, b.ok, KM_SLEEP)],
  ['kmem_zalloc_physreq contiguous above boundary', '8', 'physreq.boundary-below-size', (b) => b.ref.kmem_zalloc_physreq('user', 3n * PAGE, b.contigBoundary, KM_SLEEP)],
  ['kmem_alloc_phys without dmasize', '8', 'kmem_alloc_phys.dmasize-nonzero', (b) => b.ref.kmem_alloc_phys('user', PAGE, b.noDmasize, 0)],
  ['kmem_alloc_phys KM_NOSLEEP flag', '8', 'svr5.km-flag-values', (b) => b.ref.kmem_alloc_phys('user', PAGE, b.ok, KM_NOSLEEP)],
  ['kmem_alloc_phys flags 0 from interrupt', '8', 'svr5.km-sleep-context', (b) => b.ref.kmem_alloc_phys('interrupt', PAGE, b.ok, 0)],
  ['kmem_free unknown', '8', 'kmem_free.exact-match', (b) => b.ref.kmem_free('user', 0x5000n, PAGE)],
  ['kmem_free wrong size', '8', 'kmem_free.exact-match', (b) => b.ref.kmem_free('user', b.phys, 2n * PAGE)],
  ['kmem_free partial', '8', 'kmem_free.exact-match', (b) => b.ref.kmem_free('user', b.physreq + PAGE, PAGE)],
  ['kmem_free of AIX memory', '8', 'd_free_dmamem.pairing', (b) => b.ref.kmem_free('user', b.aix, 2n * PAGE)],
];

describe('reference: every violation changes nothing', () => {
  it.each(SCENARIOS)('%s (DDI %s) → %s', async (_name, ddi, clause, call) => {
    const b = busy(ddi);
    expectViolation(b.ref, () => call(b), clause);
    await flush();
    expect(b.sleeper.settled).toBe(false);
  });

  it('each scenario starts from a kernel where the same release, done right, succeeds', () => {
    const b = busy('8');
    b.ref.kmem_free('user', b.physreq, 3n * PAGE);
    b.ref.kmem_free('user', b.phys, PAGE);
    expect(b.ref.d_free_dmamem('process', b.h, b.aix, 2n * PAGE)).toBe(0);
  });
});

describe('reference: clause ids in the implementation', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });
  }

  it('every literal clause id the reference, its service layer or the rules can raise is in the catalogue', () => {
    const root = join(__dirname, '../../..');
    const files = [...sources(join(root, 'impl')), ...sources(join(root, 'core/services')), ...sources(join(root, 'spec/rules')), ...sources(join(root, 'spec/constraints'))];
    const ids = new Set<string>();
    const looksLikeClause = /'((?:d_|kmem_|physreq|svr5\.|dma\.)[\w-]*\.[\w.-]+)'/g;
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(looksLikeClause)) ids.add(m[1]!);
    expect(ids.size).toBeGreaterThan(20);
    expect([...ids].filter((id) => findClause(id) === undefined)).toEqual([]);
  });
});
