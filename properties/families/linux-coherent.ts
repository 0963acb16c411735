import fc from 'fast-check';
import { DEFAULT_MASK_BITS, GFP_ATOMIC, GFP_KERNEL, dmaBitMask, formatGfp } from '../../spec/constants/linux';
import { constraintsFromCoherent } from '../../spec/constraints/from-linux';
import type { ConstraintKind } from '../../spec/predicates/check';
import { fail } from '../harness/failures';
import { formatValue } from '../harness/format';
import { checkDmaAddress, cpuOf, freshDevice, releasePair } from './linux-pairs';
import type { FamilyAdapter } from './types';

/** A device for dma_alloc_coherent: its coherent mask left at the default (null) or set to DMA_BIT_MASK(bits) by one of the two calls that set it. */
export interface CoherentShape {
  readonly maskBits: number | null;
  readonly via: 'dma_set_coherent_mask' | 'dma_set_mask_and_coherent';
}

const DEFAULT_COHERENT_MASK = dmaBitMask(DEFAULT_MASK_BITS);

/** Masks around the usual limits: 24 bits (ISA), 32 (the default), the 36..48 bits of real devices, 64. */
export const maskBitsArb = fc.constantFrom(24, 28, 30, 31, 32, 33, 34, 36, 40, 44, 48, 52, 63, 64);

const CLAUSES: Record<ConstraintKind, string> = {
  length: 'dma_alloc_coherent.size',
  alignment: 'dma_alloc_coherent.order-aligned',
  'virtual-alignment': 'dma_alloc_coherent.order-aligned',
  boundary: 'dma_alloc_coherent.order-aligned',
  'address-limit': 'dma_alloc_coherent.below-mask',
  'zero-address': 'dma_alloc_coherent.size',
  contiguity: 'dma_alloc_coherent.dma-address',
  'segment-count': 'dma_alloc_coherent.dma-address',
};

/** The coherent mask a device has after DMA_BIT_MASK(bits) was set, or the default (null). */
export const coherentMaskOf = (bits: number | null): bigint => (bits === null ? DEFAULT_COHERENT_MASK : dmaBitMask(bits));

/**
 * dma_alloc_coherent / dma_free_coherent. Each shape is a device of its own;
 * a mask the implementation refuses leaves the shape unusable (the mask
 * properties judge refusals against the map). A waiting request is made
 * with GFP_KERNEL, any other with GFP_ATOMIC: neither waits for memory.
 */
export const coherentFamily: FamilyAdapter<CoherentShape> = {
  name: 'coherent',
  family: 'linux',
  ddiVersion: '6',
  allocService: 'dma_alloc_coherent',
  freeService: 'dma_free_coherent',
  ctx: 'process',
  shapeArb: fc.record({
    maskBits: fc.option(maskBitsArb, { nil: null, freq: 3 }),
    via: fc.constantFrom('dma_set_coherent_mask' as const, 'dma_set_mask_and_coherent' as const),
  }),
  // The default mask: a refused mask call cannot make the floor vacuous.
  probeShape: { maskBits: null, via: 'dma_set_coherent_mask' },
  describe: (s) => (s.maskBits === null ? 'default coherent mask' : `${s.via}(DMA_BIT_MASK(${s.maskBits}))`),
  constraints: (s, size, pageBytes) => constraintsFromCoherent(size, pageBytes, coherentMaskOf(s.maskBits)),
  async prepare(d, s) {
    const dev = freshDevice(d);
    if (s.maskBits === null) return dev;
    const o = await d.call<number>(s.via, 'process', [dev, dmaBitMask(s.maskBits)]);
    if (o.kind !== 'value') return null;
    if (!Number.isInteger(o.value) || o.value > 0) fail('linux.mask-returns', `${s.via}(DMA_BIT_MASK(${s.maskBits})) returned ${formatValue(o.value)}, neither 0 nor a negative error`);
    return o.value === 0 ? dev : null;
  },
  async allocate(d, dev, _s, size, wait, ctx = 'process') {
    const gfp = wait && ctx === 'process' ? GFP_KERNEL : GFP_ATOMIC;
    return cpuOf(d, await d.call('dma_alloc_coherent', ctx, [dev, size, gfp]), `dma_alloc_coherent(${formatGfp(gfp)})`, 'dma_alloc_coherent.null-on-failure');
  },
  async release(d, dev, cpu, size, ctx = 'process') {
    return releasePair(d, 'dma_free_coherent', ctx, [dev, size], cpu);
  },
  clauseOf: (k) => CLAUSES[k],
  nullClause: 'dma_alloc_coherent.null-on-failure',
  failureClause: 'dma_alloc_coherent.null-on-failure',
  extraClauses: ['dma_alloc_coherent.dma-address'],
  inspect: (d, _dev, cpu, size) => checkDmaAddress(d, cpu, size, 'dma_alloc_coherent.dma-address', 'dma_alloc_coherent.size'),
};
