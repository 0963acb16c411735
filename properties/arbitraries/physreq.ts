import fc from 'fast-check';
import { PREQ_PHYSCONTIG } from '../../spec/constants/svr5';
import type { PhysreqFields } from '../../spec/constraints/types';

const pow2 = (min: number, max: number) => fc.integer({ min, max }).map((e) => 1n << BigInt(e));

/** physreq fields physreq_prep must accept. */
export const physreqArb: fc.Arbitrary<PhysreqFields> = fc.record({
  phys_align: fc.oneof({ weight: 6, arbitrary: pow2(0, 14) }, { weight: 2, arbitrary: pow2(15, 24) }, { weight: 1, arbitrary: pow2(25, 48) }),
  // Boundaries from 4 GiB up are where a 32-bit copy of the field loses them.
  phys_boundary: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0n) },
    { weight: 4, arbitrary: pow2(12, 24) },
    { weight: 2, arbitrary: pow2(0, 11) },
    { weight: 1, arbitrary: pow2(25, 40) },
  ),
  phys_dmasize: fc.constantFrom(0, 24, 32, 64),
  phys_max_scgth: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
  phys_flags: fc.constantFrom(0, PREQ_PHYSCONTIG),
});

/** physreq fields with one field physreq_prep must refuse. */
export const badPhysreqArb: fc.Arbitrary<PhysreqFields> = fc
  .tuple(
    physreqArb,
    fc.oneof(
      fc.record({ phys_align: fc.constantFrom(0n, 3n, 6n, 4097n, (1n << 20n) + 1n) }),
      fc.record({ phys_boundary: fc.constantFrom(3n, 12288n, (1n << 20n) - 1n) }),
    ),
  )
  .map(([ok, bad]) => ({ ...ok, ...bad }));
