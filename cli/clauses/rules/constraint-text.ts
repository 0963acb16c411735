import { U64_MAX, hex } from '../../../spec/address/u64';
import type { DmaConstraints } from '../../../spec/constraints/types';

/** The constraint model's values in words, so a table shows what a field value comes to. */
export const alignmentText = (c: DmaConstraints) => (c.alignment <= 1n ? 'any address' : `multiple of ${hex(c.alignment)}`);
export const boundaryText = (c: DmaConstraints) => (c.boundary === 0n ? 'none' : `no run spans a multiple of ${hex(c.boundary)}`);
export const limitText = (c: DmaConstraints) => (c.maxAddress === U64_MAX ? 'none (whole 64-bit space)' : `every byte at or below ${hex(c.maxAddress)}`);
export const contiguityText = (c: DmaConstraints) => (c.contiguous ? 'one physical run' : 'may be scattered');
export const segmentsText = (c: DmaConstraints) => (c.contiguous ? '1 (contiguous)' : c.maxSegments === 0 ? 'no limit' : `at most ${c.maxSegments}`);
export const zeroText = (c: DmaConstraints) => (c.noZeroAddress ? 'no byte at address 0' : 'address 0 allowed');
