import type { MemoryRange } from '../../spec/interface/memory-map';
import type { GeneratedMap } from './memory-maps';

const PAGE = 4096n;
const MB = 1n << 20n;
const GB4 = 1n << 32n;

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const fixed = (name: string, ...ranges: MemoryRange[]): GeneratedMap => ({ pageSize: 4096, map: { name, ranges } });

/** Plain RAM away from every limit: for cases that judge a verdict, not a placement. */
export const PLAIN_MAP = fixed('plain', ram(MB, 64n * PAGE));

/** RAM from address 0: the first fit is page 0. */
export const ZERO_MAP = fixed('zero-page', ram(0n, 16n * PAGE));
/** RAM above 4 GiB only: a 32-bit request must get NULL. */
export const HIGH_MAP = fixed('above-4g', ram(GB4, 16n * PAGE));
/** Two pages below 4 GiB, the rest above: a longer 32-bit request must not straddle. */
export const STRADDLE_4G_MAP = fixed('across-4g', ram(GB4 - 2n * PAGE, 16n * PAGE));
/** Two pages below 16 MiB, the rest above: real_heap and 24-bit requests must not straddle. */
export const STRADDLE_16M_MAP = fixed('across-16m', ram(16n * MB - 2n * PAGE, 16n * PAGE));
/** Two two-page fragments split by a hole: three pages fit only scattered. */
export const SPLIT_MAP = fixed('split', ram(MB, 2n * PAGE), ram(MB + 3n * PAGE, 2n * PAGE));
