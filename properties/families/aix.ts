import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_FAIL, formatAixFlags, REAL_HEAP_LIMIT } from '../../spec/constants/aix';
import { constraintsFromAix } from '../../spec/constraints/from-aix';
import type { ConstraintKind } from '../../spec/predicates/check';
import { isContiguous } from '../../spec/predicates/segments';
import { aixAlignArb, aixFlagsArb } from '../arbitraries/aix';
import { fail } from '../harness/failures';
import { segmentsOf } from './observe';
import { releaseResult } from './release';
import type { FamilyAdapter } from './types';

export interface AixShape {
  readonly flags: number;
  readonly align: number;
}

const CLAUSES: Record<ConstraintKind, string> = {
  length: 'd_alloc_dmamem.size',
  alignment: 'd_alloc_dmamem.align-physical',
  'virtual-alignment': 'd_alloc_dmamem.align',
  boundary: 'd_alloc_dmamem.contiguous',
  'address-limit': 'd_alloc_dmamem.address-limit',
  'zero-address': 'd_alloc_dmamem.no-zero-address',
  contiguity: 'd_alloc_dmamem.contiguous',
  'segment-count': 'd_alloc_dmamem.contiguous',
};

/** d_map_init handles and d_alloc_dmamem / d_free_dmamem, all from the process environment. */
export const aixFamily: FamilyAdapter<AixShape> = {
  name: 'aix',
  family: 'aix',
  ddiVersion: '6',
  allocService: 'd_alloc_dmamem',
  freeService: 'd_free_dmamem',
  ctx: 'process',
  shapeArb: fc.record({ flags: aixFlagsArb, align: aixAlignArb }),
  probeShape: { flags: DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64, align: 0 },
  describe: (s) => `flags ${formatAixFlags(s.flags)}, align ${s.align}`,
  constraints: (s) => constraintsFromAix(s.flags, s.align),
  async prepare(d, s) {
    const o = await d.call<number>('d_map_init', 'process', [0, s.flags, 0, 0]);
    if (o.kind !== 'value') fail('d_map_init.returns', `d_map_init of valid flags ${describe(o)}`);
    if (o.value === DMA_FAIL) return null;
    if (!Number.isInteger(o.value) || o.value < 0) fail('d_map_init.returns', `d_map_init returned ${String(o.value)}: neither a handle nor DMA_FAIL`);
    return o.value;
  },
  allocate: (d, h, s, size, _wait, ctx = 'process') => d.call<bigint | null>('d_alloc_dmamem', ctx, [h, size, s.align]),
  async release(d, h, vaddr, size, ctx = 'process') {
    return releaseResult(await d.call('d_free_dmamem', ctx, [h, vaddr, size]), true);
  },
  clauseOf: (k) => CLAUSES[k],
  nullClause: 'd_alloc_dmamem.null-on-failure',
  failureClause: 'd_alloc_dmamem.null-on-failure',
  extraClauses: ['d_alloc_dmamem.real-heap', 'd_map_init.returns', 'd_free_dmamem.returns'],
  async inspect(d, _h, vaddr, size) {
    if (d.impl.heapOf === undefined) return;
    const heap = await d.observe('heapOf', () => d.impl.heapOf!(vaddr));
    if (!heap.ok || heap.value !== 'real_heap') return;
    const segs = await segmentsOf(d, vaddr, size, 'd_alloc_dmamem.size');
    const top = segs.reduce((m, s) => (s.phys + s.length > m ? s.phys + s.length : m), 0n);
    if (top > REAL_HEAP_LIMIT || !isContiguous(segs)) {
      fail('d_alloc_dmamem.real-heap', `${hex(vaddr)} is said to be real_heap but reaches ${hex(top)}${isContiguous(segs) ? '' : ' in several runs'}`);
    }
  },
};

function describe(o: { kind: string; clause?: string }): string {
  return o.kind === 'violation' ? `was reported as violating ${o.clause}` : 'is still waiting';
}
