import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { U64_MAX } from '../../spec/address/u64';
import { findClause } from '../../spec/clauses';
import {
  DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_KNOWN_FLAGS, DMA_NO_ZERO_ADDR, DMA_SLAVE,
} from '../../spec/constants/aix';
import { PREQ_PHYSCONTIG } from '../../spec/constants/svr5';
import { classifyRequest, neverSatisfiable } from '../../spec/constraints/classify';
import { aixAlignValid, aixFlagsValid, constraintsFromAix } from '../../spec/constraints/from-aix';
import { constraintsFromPhysreq, defaultPhysreq, physreqProblem, type PhysreqService } from '../../spec/constraints/from-physreq';
import { LIMIT_24_BIT, LIMIT_32_BIT } from '../../spec/constraints/limits';
import type { DmaConstraints, PhysreqFields } from '../../spec/constraints/types';

const GiB4 = 1n << 32n;
const preq = (f: Partial<PhysreqFields>): PhysreqFields => ({ ...defaultPhysreq(), ...f });

describe('AIX constraints', () => {
  it('addresses 64 bits only with both DMA_ADDRESS_64_BIT and DMA_ENABLE_64', () => {
    expect(constraintsFromAix(0, 0).maxAddress).toBe(LIMIT_32_BIT);
    expect(constraintsFromAix(DMA_ADDRESS_64_BIT, 0).maxAddress).toBe(LIMIT_32_BIT);
    expect(constraintsFromAix(DMA_ENABLE_64, 0).maxAddress).toBe(LIMIT_32_BIT);
    expect(constraintsFromAix(DMA_ADDRESS_64_BIT | DMA_ENABLE_64 | DMA_SLAVE, 0).maxAddress).toBe(U64_MAX);
  });

  it('maps DMA_CONTIGUOUS and DMA_NO_ZERO_ADDR, and nothing else', () => {
    expect(constraintsFromAix(0, 12)).toEqual({
      alignment: 4096n, virtualAlignment: 4096n, boundary: 0n, maxAddress: LIMIT_32_BIT,
      noZeroAddress: false, contiguous: false, maxSegments: 0,
    });
    const c = constraintsFromAix(DMA_CONTIGUOUS | DMA_NO_ZERO_ADDR, 0);
    expect([c.contiguous, c.noZeroAddress]).toEqual([true, true]);
    expect(constraintsFromAix(DMA_CONTIGUOUS, 0).noZeroAddress).toBe(false);
    expect(constraintsFromAix(DMA_NO_ZERO_ADDR, 0).contiguous).toBe(false);
  });

  it('aligns physical and virtual start to 2^align for every align in 0..63', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: DMA_KNOWN_FLAGS }), (align, flags) => {
        const c = constraintsFromAix(flags & DMA_KNOWN_FLAGS, align);
        return c.alignment === 1n << BigInt(align) && c.virtualAlignment === c.alignment;
      }),
    );
  });

  it('throws a d_alloc_dmamem: error for align outside 0..63', () => {
    for (const bad of [-1, 64, 1.5, Number.NaN]) {
      expect(() => constraintsFromAix(0, bad), String(bad)).toThrow(/^d_alloc_dmamem: align .* is outside 0\.\.63/);
    }
  });

  it('aixAlignValid accepts exactly the integers 0..63', () => {
    expect([0, 12, 63].every(aixAlignValid)).toBe(true);
    expect([-1, 64, 2.5, Number.NaN, Infinity].some(aixAlignValid)).toBe(false);
  });

  it('aixFlagsValid accepts exactly the combinations of known bits', () => {
    const bits = fc.subarray([DMA_SLAVE, DMA_NO_ZERO_ADDR, DMA_ADDRESS_64_BIT, DMA_ENABLE_64, DMA_CONTIGUOUS, 0x1, 0x2, 0x4, 0x8]);
    fc.assert(fc.property(bits, (b) => aixFlagsValid(b.reduce((x, y) => x | y, 0))));
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (f) => aixFlagsValid(f) === ((f & ~DMA_KNOWN_FLAGS) === 0)));
    for (const bad of [0x20, 0x200, 0x1000, -1, 1.5, Number.NaN, 2 ** 31, 2 ** 32, 2 ** 32 + DMA_CONTIGUOUS]) {
      expect(aixFlagsValid(bad), String(bad)).toBe(false);
    }
  });
});

describe('physreq fields', () => {
  it('physreq_alloc defaults: align 1, everything else 0, and acceptable', () => {
    expect(defaultPhysreq()).toEqual({ phys_align: 1n, phys_boundary: 0n, phys_dmasize: 0, phys_max_scgth: 0, phys_flags: 0 });
    expect(defaultPhysreq()).not.toBe(defaultPhysreq());
    expect(physreqProblem(defaultPhysreq())).toBeNull();
  });

  it.each<[string, Partial<PhysreqFields>]>([
    ['physreq.align-power-of-two', { phys_align: 0n }],
    ['physreq.align-power-of-two', { phys_align: 3n }],
    ['physreq.align-power-of-two', { phys_align: -4n }],
    ['physreq.boundary-power-of-two', { phys_boundary: 0x3000n }],
    ['physreq.boundary-power-of-two', { phys_boundary: -1n }],
    ['physreq.dmasize-values', { phys_dmasize: 16 }],
    ['physreq.dmasize-values', { phys_dmasize: 48 }],
    ['physreq.max-scgth', { phys_max_scgth: -1 }],
    ['physreq.max-scgth', { phys_max_scgth: 1.5 }],
    ['physreq.flags-known', { phys_flags: 0x2 }],
    ['physreq.flags-known', { phys_flags: -1 }],
    ['physreq.flags-known', { phys_flags: 0.5 }],
    ['physreq.flags-known', { phys_flags: 2 ** 32 }],
    ['physreq.flags-known', { phys_flags: 2 ** 32 + PREQ_PHYSCONTIG }],
  ])('refuses with %s: %o', (id, fields) => {
    const problem = physreqProblem(preq(fields));
    expect(problem?.clause).toBe(id);
    expect(findClause(id)).toBeDefined();
    expect(problem!.reason).toMatch(/^phys_/);
  });

  it('accepts every good combination of fields', () => {
    const good = fc.record({
      phys_align: fc.integer({ min: 0, max: 63 }).map((k) => 1n << BigInt(k)),
      phys_boundary: fc.oneof(fc.constant(0n), fc.integer({ min: 0, max: 63 }).map((k) => 1n << BigInt(k))),
      phys_dmasize: fc.constantFrom(0, 24, 32, 64),
      phys_max_scgth: fc.nat(1024),
      phys_flags: fc.constantFrom(0, PREQ_PHYSCONTIG),
    });
    fc.assert(fc.property(good, (f) => physreqProblem(f) === null));
  });
});

describe('constraintsFromPhysreq', () => {
  const SERVICES: PhysreqService[] = ['kmem_alloc_physcontig', 'kmem_alloc_physreq', 'kmem_zalloc_physreq', 'kmem_alloc_phys'];

  it('is contiguous for physcontig and phys always, for physreq only with PREQ_PHYSCONTIG', () => {
    const expected: Record<PhysreqService, [boolean, boolean]> = {
      kmem_alloc_physcontig: [true, true], kmem_alloc_phys: [true, true],
      kmem_alloc_physreq: [false, true], kmem_zalloc_physreq: [false, true],
    };
    for (const s of SERVICES) {
      const plain = constraintsFromPhysreq(preq({ phys_max_scgth: 3 }), s);
      const contig = constraintsFromPhysreq(preq({ phys_max_scgth: 3, phys_flags: PREQ_PHYSCONTIG }), s);
      expect([plain.contiguous, contig.contiguous], s).toEqual(expected[s]);
      expect(plain.maxSegments, s).toBe(plain.contiguous ? 1 : 3);
      expect(contig.maxSegments, s).toBe(1);
    }
  });

  it.each<[number, bigint, bigint]>([
    [0, U64_MAX, LIMIT_32_BIT],
    [24, LIMIT_24_BIT, LIMIT_24_BIT],
    [32, LIMIT_32_BIT, LIMIT_32_BIT],
    [64, U64_MAX, LIMIT_32_BIT],
  ])('phys_dmasize %i limits addresses (kmem_alloc_phys capped at 4 GiB)', (dmasize, limit, physLimit) => {
    for (const s of SERVICES) {
      const c = constraintsFromPhysreq(preq({ phys_dmasize: dmasize }), s);
      expect(c.maxAddress, s).toBe(s === 'kmem_alloc_phys' ? physLimit : limit);
    }
  });

  it('carries alignment and boundary; no virtual alignment, zero address allowed', () => {
    const c = constraintsFromPhysreq(preq({ phys_align: 0x10000n, phys_boundary: 0x100000n }), 'kmem_alloc_physcontig');
    expect(c).toMatchObject({ alignment: 0x10000n, boundary: 0x100000n, virtualAlignment: 1n, noZeroAddress: false });
  });
});

describe('classifyRequest and neverSatisfiable', () => {
  const contig = (f: Partial<PhysreqFields>) => constraintsFromPhysreq(preq(f), 'kmem_alloc_physcontig');
  const scatter = (f: Partial<PhysreqFields>) => constraintsFromPhysreq(preq(f), 'kmem_alloc_physreq');

  it('refuses size 0 (and negative sizes) with the clause given', () => {
    expect(classifyRequest(0n, contig({}), 'kmem_alloc_physcontig.size-nonzero')).toEqual({
      kind: 'invalid', clause: 'kmem_alloc_physcontig.size-nonzero', reason: 'size is 0',
    });
    expect(classifyRequest(-1n, contig({}), 'd_alloc_dmamem.size-zero')).toMatchObject({ kind: 'invalid', clause: 'd_alloc_dmamem.size-zero' });
  });

  it('calls a boundary below the size invalid only for contiguous requests', () => {
    const id = 'kmem_alloc_physcontig.size-nonzero';
    expect(classifyRequest(0x1001n, contig({ phys_boundary: 0x1000n }), id)).toMatchObject({ kind: 'invalid', clause: 'physreq.boundary-below-size' });
    expect(findClause('physreq.boundary-below-size')).toBeDefined();
    expect(classifyRequest(0x1000n, contig({ phys_boundary: 0x1000n }), id)).toEqual({ kind: 'valid' });
    expect(classifyRequest(0x100000n, contig({}), id)).toEqual({ kind: 'valid' });
    expect(classifyRequest(0x100000n, scatter({ phys_boundary: 0x1000n }), id)).toEqual({ kind: 'valid' });
  });

  it('neverSatisfiable: more bytes than the address limit or the segment list allows', () => {
    expect(neverSatisfiable(GiB4, contig({ phys_dmasize: 32 }))).toBe(false);
    expect(neverSatisfiable(GiB4 + 1n, contig({ phys_dmasize: 32 }))).toBe(true);
    expect(neverSatisfiable(U64_MAX, contig({}))).toBe(false);
    expect(neverSatisfiable(0x2000n, scatter({ phys_boundary: 0x1000n, phys_max_scgth: 2 }))).toBe(false);
    expect(neverSatisfiable(0x2001n, scatter({ phys_boundary: 0x1000n, phys_max_scgth: 2 }))).toBe(true);
    expect(neverSatisfiable(1n << 40n, scatter({ phys_boundary: 0x1000n }))).toBe(false);
  });

  it('neverSatisfiable: without address 0 the aligned first byte starts at the alignment', () => {
    const aix = (flags: number, align: number): DmaConstraints => constraintsFromAix(flags | DMA_NO_ZERO_ADDR, align);
    expect(neverSatisfiable(GiB4 - 1n, aix(0, 0))).toBe(false);
    expect(neverSatisfiable(GiB4, aix(0, 0))).toBe(true);
    expect(neverSatisfiable(GiB4 - 4096n, aix(DMA_CONTIGUOUS, 12))).toBe(false);
    expect(neverSatisfiable(GiB4 - 4095n, aix(DMA_CONTIGUOUS, 12))).toBe(true);
    expect(neverSatisfiable(GiB4 - 1n, aix(0, 12))).toBe(false);
    expect(neverSatisfiable(1n, aix(0, 32))).toBe(true);
    expect(neverSatisfiable(1n, constraintsFromAix(0, 32))).toBe(false);
  });

  it('neverSatisfiable agrees with a brute-force search over a tiny contiguous world', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 63 }), fc.boolean(), (size, k, max, noZero) => {
        const c: DmaConstraints = {
          alignment: 1n << BigInt(k), virtualAlignment: 1n, boundary: 0n, maxAddress: BigInt(max),
          noZeroAddress: noZero, contiguous: true, maxSegments: 1,
        };
        let possible = false;
        for (let s = noZero ? 1 : 0; s + size - 1 <= max; s++) if (s % (1 << k) === 0) possible = true;
        return neverSatisfiable(BigInt(size), c) === !possible;
      }),
    );
  });
});
