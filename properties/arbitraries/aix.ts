import fc from 'fast-check';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_NO_ZERO_ADDR, DMA_SLAVE } from '../../spec/constants/aix';

/** d_map_init flags: any mix of the documented bits (and a DMA_MAXMIN value). */
export const aixFlagsArb: fc.Arbitrary<number> = fc
  .record({
    contiguous: fc.boolean(),
    noZero: fc.boolean(),
    addr64: fc.boolean(),
    enable64: fc.boolean(),
    slave: fc.boolean(),
    maxmin: fc.integer({ min: 0, max: 15 }),
  })
  .map(
    (f) =>
      (f.contiguous ? DMA_CONTIGUOUS : 0) |
      (f.noZero ? DMA_NO_ZERO_ADDR : 0) |
      (f.addr64 ? DMA_ADDRESS_64_BIT : 0) |
      (f.enable64 ? DMA_ENABLE_64 : 0) |
      (f.slave ? DMA_SLAVE : 0) |
      f.maxmin,
  );

/** log2 alignments: mostly up to a few pages, some large (2 MiB, 1 GiB, 4 GiB and past any page count a 32-bit int holds). */
export const aixAlignArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 15 }) },
  { weight: 2, arbitrary: fc.integer({ min: 16, max: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom(30, 32, 33, 40) },
  { weight: 1, arbitrary: fc.integer({ min: 41, max: 63 }) },
);
