import { hex } from '../../spec/address/u64';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import { constraintsFromPhysreq, defaultPhysreq } from '../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { PhysAllocation } from '../../spec/interface/implementation';
import type { ConstraintKind } from '../../spec/predicates/check';
import { physreqArb } from '../arbitraries/physreq';
import { fail } from '../harness/failures';
import type { Outcome } from '../harness/outcome';
import { readBytes, segmentsOf } from './observe';
import { describePhysreq, preparePhysreq } from './physreq-common';
import { releaseResult } from './release';
import type { FamilyAdapter } from './types';

const sameClause = (clause: string): Record<ConstraintKind, string> => ({
  length: clause,
  alignment: clause,
  'virtual-alignment': clause,
  boundary: clause,
  'address-limit': clause,
  'zero-address': clause,
  contiguity: clause,
  'segment-count': clause,
});

const common = {
  ctx: 'user' as const,
  probeShape: { ...defaultPhysreq(), phys_flags: 1 },
  describe: describePhysreq,
  prepare: (d: Parameters<FamilyAdapter<PhysreqFields>['prepare']>[0], f: PhysreqFields) => preparePhysreq(d, f),
};

const PHYSCONTIG: Record<ConstraintKind, string> = {
  length: 'kmem_alloc_physcontig.size',
  alignment: 'kmem_alloc_physcontig.alignment',
  'virtual-alignment': 'kmem_alloc_physcontig.alignment',
  boundary: 'kmem_alloc_physcontig.boundary',
  'address-limit': 'kmem_alloc_physcontig.dmasize',
  'zero-address': 'kmem_alloc_physcontig.dmasize',
  contiguity: 'kmem_alloc_physcontig.contiguous',
  'segment-count': 'kmem_alloc_physcontig.contiguous',
};

/** kmem_alloc_physcontig / kmem_free_physcontig for a DDI 6 driver. */
export const physcontigFamily: FamilyAdapter<PhysreqFields> = {
  ...common,
  name: 'physcontig',
  family: 'svr5-physcontig',
  ddiVersion: '6',
  allocService: 'kmem_alloc_physcontig',
  freeService: 'kmem_free_physcontig',
  shapeArb: physreqArb,
  constraints: (f) => constraintsFromPhysreq(f, 'kmem_alloc_physcontig'),
  allocate: (d, p, _f, size, wait, ctx = 'user') => d.call<bigint | null>('kmem_alloc_physcontig', ctx, [size, p, wait ? KM_SLEEP : KM_NOSLEEP], true),
  async release(d, _p, vaddr, size, ctx = 'user') {
    return releaseResult(await d.call('kmem_free_physcontig', ctx, [vaddr, size]), false);
  },
  clauseOf: (k) => PHYSCONTIG[k],
  waiting: { nosleep: 'kmem_alloc_physcontig.km-nosleep', sleep: 'kmem_alloc_physcontig.km-sleep', wakeup: 'kmem_alloc_physcontig.km-sleep-wakeup' },
  nullClause: 'kmem_alloc_physcontig.null-no-change',
  extraClauses: [],
};

function physreqFamily(zero: boolean): FamilyAdapter<PhysreqFields> {
  const service = zero ? 'kmem_zalloc_physreq' : 'kmem_alloc_physreq';
  return {
    ...common,
    name: zero ? 'zalloc-physreq' : 'physreq',
    family: 'svr5-physreq',
    ddiVersion: '7',
    allocService: service,
    freeService: 'kmem_free',
    shapeArb: physreqArb,
    constraints: (f) => constraintsFromPhysreq(f, service),
    allocate: (d, p, _f, size, wait, ctx = 'user') => d.call<bigint | null>(service, ctx, [size, p, wait ? KM_SLEEP : KM_NOSLEEP], true),
    async release(d, _p, vaddr, size, ctx = 'user') {
      return releaseResult(await d.call('kmem_free', ctx, [vaddr, size]), false);
    },
    clauseOf: (k) => (k === 'segment-count' ? 'physreq.max-scgth' : 'kmem_alloc_physreq.constraints'),
    waiting: { nosleep: 'kmem_alloc_physreq.km-sleep', sleep: 'kmem_alloc_physreq.km-sleep', wakeup: 'kmem_alloc_physreq.km-sleep' },
    nullClause: 'dma.release-restores',
    extraClauses: zero ? ['kmem_zalloc_physreq.zeroed'] : [],
    inspect: zero ? checkZeroed : undefined,
  };
}

export const physreqAllocFamily = physreqFamily(false);
export const physreqZallocFamily = physreqFamily(true);

async function checkZeroed(d: Parameters<NonNullable<FamilyAdapter<PhysreqFields>['inspect']>>[0], _p: number, vaddr: bigint, size: bigint): Promise<void> {
  const n = size < 64n ? Number(size) : 64;
  for (const at of new Set([0n, size - BigInt(n)])) {
    const bytes = await readBytes(d, vaddr + at, n, 'kmem_zalloc_physreq.zeroed');
    const i = bytes.findIndex((b) => b !== 0);
    if (i >= 0) fail('kmem_zalloc_physreq.zeroed', `byte ${hex(vaddr + at + BigInt(i))} of a fresh kmem_zalloc_physreq area reads ${bytes[i]}`);
  }
}

const PHYS: Record<ConstraintKind, string> = {
  ...sameClause('kmem_alloc_phys.contiguous'),
  'address-limit': 'kmem_alloc_phys.below-4gb',
};

/** kmem_alloc_phys / kmem_free for a DDI 8 driver; it checks the returned paddr itself. */
export const physFamily: FamilyAdapter<PhysreqFields> = {
  ...common,
  name: 'phys',
  family: 'svr5-phys',
  ddiVersion: '8',
  allocService: 'kmem_alloc_phys',
  freeService: 'kmem_free',
  probeShape: { ...defaultPhysreq(), phys_dmasize: 64 },
  shapeArb: physreqArb.filter((f) => f.phys_dmasize !== 0),
  constraints: (f) => constraintsFromPhysreq(f, 'kmem_alloc_phys'),
  async allocate(d, p, _f, size, wait, ctx = 'user') {
    const o = await d.call<PhysAllocation | null>('kmem_alloc_phys', ctx, [size, p, wait ? 0 : KM_FAIL_OK], true);
    if (o.kind === 'value') return { kind: 'value', value: await checkPaddr(d, o.value, size) };
    if (o.kind === 'violation') return o;
    const later = o.later.then(async (s) => (s.kind === 'value' ? { kind: 'value' as const, value: await checkPaddr(d, s.value, size) } : s));
    // A property that failed before the answer came no longer listens: a late answer it finds fault with must not end the whole run.
    later.catch(() => undefined);
    return { kind: 'pending', later } satisfies Outcome<bigint | null>;
  },
  async release(d, _p, vaddr, size, ctx = 'user') {
    return releaseResult(await d.call('kmem_free', ctx, [vaddr, size]), false);
  },
  clauseOf: (k) => PHYS[k],
  waiting: { nosleep: 'kmem_alloc_phys.flags', sleep: 'kmem_alloc_phys.flags', wakeup: 'kmem_alloc_phys.flags' },
  nullClause: 'dma.release-restores',
  extraClauses: ['kmem_alloc_phys.paddr'],
};

async function checkPaddr(d: Parameters<FamilyAdapter<PhysreqFields>['prepare']>[0], got: PhysAllocation | null, size: bigint): Promise<bigint | null> {
  if (got === null) return null;
  if (typeof got !== 'object' || typeof got.vaddr !== 'bigint' || typeof got.paddr !== 'bigint') {
    fail('kmem_alloc_phys.paddr', `kmem_alloc_phys returned ${String(got)}, not { vaddr, paddr }`);
  }
  const segs = await segmentsOf(d, got.vaddr, size, 'kmem_alloc_phys.contiguous');
  if (segs[0]?.phys !== got.paddr) {
    fail('kmem_alloc_phys.paddr', `paddr ${hex(got.paddr)} but ${hex(got.vaddr)} translates to ${segs[0] === undefined ? 'nothing' : hex(segs[0].phys)}`);
  }
  return got.vaddr;
}
