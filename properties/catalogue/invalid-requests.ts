import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64 } from '../../spec/constants/aix';
import { KM_NOSLEEP, PREQ_PHYSCONTIG } from '../../spec/constants/svr5';
import { defaultPhysreq } from '../../spec/constraints/from-physreq';
import type { Family } from '../../spec/interface/implementation';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { fail } from '../harness/failures';
import type { Driver } from '../harness/driver';
import type { Outcome } from '../harness/outcome';
import { preparePhysreq } from '../families/physreq-common';
import { madeUpId } from '../engine/made-up';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

/** One invalid call: what it is, the clause it falls under, and whether only NULL (not a report) is acceptable. */
interface Invalid {
  readonly clause: string;
  readonly nullOnly?: boolean;
  readonly families: ReadonlyArray<Family>;
  call(d: Driver, page: bigint, pick: number): Promise<Outcome<unknown> | null>;
}

const aixHandle = async (d: Driver, flags = DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64): Promise<number | null> => {
  const h = await d.call<number>('d_map_init', 'process', [0, flags, 0, 0]);
  return h.kind === 'value' && h.value >= 0 ? h.value : null;
};

const physreq = (d: Driver, fields = {}) => preparePhysreq(d, { ...defaultPhysreq(), phys_dmasize: 64, ...fields });

// Whole numbers only: align is an int in C, so a fraction cannot even be passed.
const BAD_ALIGNS = [-1, 64, 65, 1000];

const INVALID: ReadonlyArray<Invalid> = [
  {
    clause: 'd_alloc_dmamem.size-zero',
    families: ['aix'],
    call: async (d) => withHandle(d, (h) => d.call('d_alloc_dmamem', 'process', [h, 0n, 12])),
  },
  {
    clause: 'd_alloc_dmamem.align-range',
    families: ['aix'],
    call: async (d, page, pick) => withHandle(d, (h) => d.call('d_alloc_dmamem', 'process', [h, page, BAD_ALIGNS[pick % BAD_ALIGNS.length]])),
  },
  {
    clause: 'd_alloc_dmamem.valid-handle',
    families: ['aix'],
    call: async (d, page) => d.call('d_alloc_dmamem', 'process', [madeUpId(d.issued), page, 0]),
  },
  {
    clause: 'd_map_clear.releases-handle',
    families: ['aix'],
    call: async (d, page) =>
      withHandle(d, async (h) => {
        const c = await d.call('d_map_clear', 'process', [h]);
        if (c.kind === 'violation') fail('d_map_clear.releases-handle', `d_map_clear of an idle handle was reported as violating ${c.clause}`);
        return d.call('d_alloc_dmamem', 'process', [h, page, 0]);
      }),
  },
  {
    clause: 'kmem_alloc_physcontig.size-nonzero',
    families: ['svr5-physcontig'],
    call: async (d) => withPhysreq(d, {}, (p) => d.call('kmem_alloc_physcontig', 'user', [0n, p, KM_NOSLEEP])),
  },
  {
    clause: 'physreq.boundary-below-size',
    families: ['svr5-physcontig'],
    call: async (d, page) => withPhysreq(d, { phys_boundary: page }, (p) => d.call('kmem_alloc_physcontig', 'user', [page + 1n, p, KM_NOSLEEP])),
  },
  {
    clause: 'physreq.boundary-below-size',
    families: ['svr5-physreq'],
    call: async (d, page) => withPhysreq(d, { phys_boundary: page, phys_flags: PREQ_PHYSCONTIG }, (p) => d.call('kmem_alloc_physreq', 'user', [2n * page, p, KM_NOSLEEP])),
  },
  {
    clause: 'svr5.km-flag-values',
    families: ['svr5-physcontig'],
    call: async (d, page, pick) => withPhysreq(d, {}, (p) => d.call('kmem_alloc_physcontig', 'user', [page, p, 2 + (pick % 5)])),
  },
  {
    clause: 'kmem_alloc_physreq.size-zero-null',
    nullOnly: true,
    families: ['svr5-physreq'],
    call: async (d, _page, pick) => withPhysreq(d, {}, (p) => d.call(pick % 2 ? 'kmem_zalloc_physreq' : 'kmem_alloc_physreq', 'user', [0n, p, KM_NOSLEEP])),
  },
  {
    clause: 'kmem_alloc_phys.dmasize-nonzero',
    families: ['svr5-phys'],
    call: async (d, page) => withPhysreq(d, { phys_dmasize: 0 }, (p) => d.call('kmem_alloc_phys', 'user', [page, p, 2])),
  },
];

async function withHandle(d: Driver, use: (h: number) => Promise<Outcome<unknown>>): Promise<Outcome<unknown> | null> {
  const h = await aixHandle(d);
  return h === null ? null : use(h);
}

async function withPhysreq(d: Driver, fields: object, use: (p: number) => Promise<Outcome<unknown>>): Promise<Outcome<unknown> | null> {
  const p = await physreq(d, fields);
  return p === null ? null : use(p);
}

interface Input {
  readonly gen: GeneratedMap;
  readonly which: number;
  readonly pick: number;
}

/**
 * Requests the documents rule out (size 0, a bad align, a dead handle, a
 * boundary below the size, an unknown flag, a zero phys_dmasize) yield no
 * memory: NULL, or a reported violation where the documents allow it. A
 * live allocation made beforehand keeps its data.
 */
export function invalidRequestsProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<Input> {
  const cases = INVALID.filter((c) => c.families.includes(fam.family));
  return {
    name: `${fam.name}.invalid-requests`,
    clauses: [...new Set(cases.map((c) => c.clause)), 'dma.misuse-harmless'],
    families: [fam.family],
    strength: 'MUST',
    runs: 40,
    arbitrary: () => fc.record({ gen: memoryMapArb(), which: fc.nat({ max: cases.length - 1 }), pick: fc.nat({ max: 15 }) }),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, []);
      await s.boot(fam.ddiVersion);
      await s.allocate(s.probeIndex, s.pageBytes);
      const c = cases[input.which]!;
      const o = await c.call(d, s.pageBytes, input.pick);
      if (o === null) return;
      if (o.kind === 'pending') fail(c.clause, 'an invalid request is waiting instead of failing');
      if (o.kind === 'violation' && c.nullOnly) fail(c.clause, `reported ${o.clause} where the documents promise NULL`);
      if (o.kind === 'value' && o.value !== null) fail(c.clause, `an invalid request returned ${typeof o.value === 'bigint' ? hex(o.value) : 'memory'}`);
      await s.verifyContents('dma.misuse-harmless');
      await s.releaseAll('dma.misuse-harmless');
    },
  };
}
