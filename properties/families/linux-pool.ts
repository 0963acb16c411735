import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { GFP_ATOMIC, GFP_KERNEL, dmaBitMask, formatGfp } from '../../spec/constants/linux';
import { constraintsFromPool, poolMayBeRefused } from '../../spec/constraints/from-linux';
import type { ConstraintKind } from '../../spec/predicates/check';
import { fail } from '../harness/failures';
import { formatValue } from '../harness/format';
import { coherentMaskOf } from './linux-coherent';
import { checkDmaAddress, cpuOf, freshDevice, releasePair } from './linux-pairs';
import { readBytes } from './observe';
import type { FamilyAdapter } from './types';

/** dma_pool_create's arguments, and the coherent mask its device is given first (null: the default). */
export interface PoolShape {
  readonly size: bigint;
  readonly align: bigint;
  readonly boundary: bigint;
  readonly maskBits: number | null;
}

const pow2 = (min: number, max: number) => fc.integer({ min, max }).map((k) => 1n << BigInt(k));

/**
 * Block sizes around the edges that matter: tiny (below a free-list link),
 * just off a power of two, around the page. Alignments up to two pages, and
 * a boundary of 0 or a power of two from the size up to four pages, often
 * exactly the size (blocks packed against it).
 */
export const poolShapeArb: fc.Arbitrary<PoolShape> = fc
  .record({
    size: fc.oneof(
      fc.constantFrom(1n, 3n, 8n, 15n, 16n, 17n, 63n, 64n, 65n, 100n, 1000n, 2048n, 4095n, 4096n, 4097n, 8192n),
      fc.bigInt({ min: 1n, max: 9000n }),
    ),
    align: fc.oneof(pow2(0, 6), pow2(7, 13)),
    boundaryPick: fc.constantFrom('none', 'size', 'larger', 'page'),
    extra: fc.integer({ min: 1, max: 3 }),
    maskBits: fc.option(fc.constantFrom(32, 36, 64), { nil: null, freq: 2 }),
  })
  .map(({ size, align, boundaryPick, extra, maskBits }) => {
    let least = 1n;
    while (least < size) least <<= 1n;
    const boundary = boundaryPick === 'none' ? 0n : boundaryPick === 'size' ? least : boundaryPick === 'page' && least <= 4096n ? 4096n : least << BigInt(extra);
    return { size, align, boundary, maskBits };
  });

const CLAUSES: Record<ConstraintKind, string> = {
  length: 'dma_pool_alloc.size-align',
  alignment: 'dma_pool_alloc.size-align',
  'virtual-alignment': 'dma_pool_alloc.size-align',
  boundary: 'dma_pool_alloc.boundary',
  'address-limit': 'dma_pool_alloc.coherent',
  'zero-address': 'dma_pool_alloc.size-align',
  contiguity: 'dma_pool_alloc.coherent',
  'segment-count': 'dma_pool_alloc.coherent',
};

function poolFamily(zero: boolean): FamilyAdapter<PoolShape> {
  const service = zero ? 'dma_pool_zalloc' : 'dma_pool_alloc';
  return {
    name: zero ? 'pool-zalloc' : 'pool',
    family: 'linux',
    ddiVersion: '6',
    allocService: service,
    freeService: 'dma_pool_free',
    ctx: 'process',
    shapeArb: poolShapeArb,
    probeShape: { size: 64n, align: 8n, boundary: 0n, maskBits: null },
    describe: (s) => `pool of ${hex(s.size)}-byte blocks, align ${s.align}, boundary ${hex(s.boundary)}${s.maskBits === null ? '' : `, coherent mask ${s.maskBits} bits`}`,
    constraints: (s) => constraintsFromPool(s, coherentMaskOf(s.maskBits)),
    blockSize: (s) => s.size,
    /** A device of its own with the shape's coherent mask, and a pool of it. */
    async prepare(d, s, roomFor) {
      const dev = freshDevice(d);
      if (s.maskBits !== null) {
        const m = await d.call<number>('dma_set_mask_and_coherent', 'process', [dev, dmaBitMask(s.maskBits)]);
        if (m.kind !== 'value' || m.value !== 0) return null;
      }
      const o = await d.call<number | null>('dma_pool_create', 'process', ['dmaconform', dev, s.size, s.align, s.boundary]);
      if (o.kind === 'violation') fail(o.clause, `dma_pool_create of valid arguments (${hex(s.size)}, ${s.align}, ${hex(s.boundary)}) was reported as violating ${o.clause}`);
      if (o.kind !== 'value') fail('dma_pool_create.params', 'dma_pool_create is still waiting');
      if (o.value === null && poolMayBeRefused(s)) return null;
      if (o.value === null) {
        // A pool may take its first chunk of coherent memory when it is made: NULL is fair where no chunk fits.
        const room = roomFor(s.size, { ...constraintsFromPool(s, coherentMaskOf(s.maskBits)), boundary: 0n });
        if (room === undefined) return null;
        fail('dma_pool_create.params', `dma_pool_create of valid arguments (size ${hex(s.size)}, align ${s.align}, boundary ${hex(s.boundary)}) returned NULL while ${hex(room.start)}..${hex(room.end)} was free`);
      }
      if (!Number.isSafeInteger(o.value) || o.value <= 0) fail('dma_pool_create.params', `dma_pool_create returned ${formatValue(o.value)}, neither a pool nor NULL`);
      return o.value;
    },
    async allocate(d, pool, _s, _size, wait, ctx = 'process') {
      const gfp = wait && ctx === 'process' ? GFP_KERNEL : GFP_ATOMIC;
      return cpuOf(d, await d.call(service, ctx, [pool, gfp]), `${service}(${formatGfp(gfp)})`, 'dma_pool_alloc.null-on-failure');
    },
    async release(d, pool, cpu, _size, ctx = 'process') {
      return releasePair(d, 'dma_pool_free', ctx, [pool], cpu);
    },
    clauseOf: (k) => CLAUSES[k],
    nullClause: 'dma_pool_alloc.null-on-failure',
    failureClause: 'dma_pool_alloc.null-on-failure',
    // dma_pool_create.params: every property makes its pools, and a pool refused while memory is free fails there.
    extraClauses: zero ? ['dma_pool_alloc.coherent', 'dma_pool_zalloc.zeroed', 'dma_pool_create.params'] : ['dma_pool_alloc.coherent', 'dma_pool_create.params'],
    async inspect(d, _pool, cpu, size) {
      await checkDmaAddress(d, cpu, size, 'dma_pool_alloc.coherent', 'dma_pool_alloc.size-align');
      if (!zero) return;
      // Read in pieces: a block may be several pages.
      for (let at = 0n; at < size; at += 4096n) {
        const n = size - at < 4096n ? Number(size - at) : 4096;
        const got = await readBytes(d, cpu + at, n, 'dma_pool_zalloc.zeroed');
        const i = got.findIndex((b) => b !== 0);
        if (i >= 0) fail('dma_pool_zalloc.zeroed', `byte ${hex(at + BigInt(i))} of the block at ${hex(cpu)} reads ${got[i]}, not 0`);
      }
    },
  };
}

export const linuxPoolFamily = poolFamily(false);
export const linuxPoolZallocFamily = poolFamily(true);
