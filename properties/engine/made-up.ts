import { U64_MAX } from '../../spec/address/u64';
import type { LiveSet } from './live-set';

/**
 * An address no live allocation covers, far from `near` so that no
 * allocator's rounding reaches it, and inside 0..2^64-1 (it wraps, so an
 * allocator whose addresses lie near the top of the space is served too).
 */
export function madeUpAddress(live: LiveSet, near: bigint): bigint | null {
  for (let k = 1n; k <= 8n; k++) {
    const addr = (near + k * 0x100000000000n) & U64_MAX;
    if (addr !== 0n && !live.covers(addr)) return addr;
  }
  return null;
}

/** An id (handle or physreq) the allocator has not handed out in this run. */
export function madeUpId(issued: ReadonlySet<number>): number {
  let id = 0x7fff0000;
  while (issued.has(id)) id++;
  return id;
}
