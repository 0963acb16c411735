import { hex } from '../address/u64';
import type { DmaConstraints, RequestVerdict } from './types';

/**
 * Classifies a request's inputs before any memory is looked for. An invalid
 * request is the caller's error: a conforming allocator must not return memory
 * for it (it may return NULL or report the violation). `sizeClause` names the
 * clause that forbids size 0 for the service at hand.
 */
export function classifyRequest(size: bigint, c: DmaConstraints, sizeClause: string): RequestVerdict {
  if (size === 0n) return { kind: 'invalid', clause: sizeClause, reason: 'size is 0' };
  if (size < 0n) return { kind: 'invalid', clause: sizeClause, reason: `size ${size} is negative` };
  if (c.contiguous && c.boundary !== 0n && size > c.boundary) {
    return {
      kind: 'invalid',
      clause: 'physreq.boundary-below-size',
      reason: `size ${hex(size)} is larger than phys_boundary ${hex(c.boundary)}, so every placement crosses a boundary`,
    };
  }
  if (!c.contiguous && c.boundary !== 0n && c.maxSegments > 0 && size > BigInt(c.maxSegments) * c.boundary) {
    return {
      kind: 'invalid',
      clause: 'physreq.max-scgth',
      reason: `size ${hex(size)} needs more than phys_max_scgth ${c.maxSegments} entries of at most phys_boundary ${hex(c.boundary)} bytes`,
    };
  }
  return { kind: 'valid' };
}

/**
 * True when no memory map whatsoever could satisfy the request: more bytes
 * than the address limit leaves, or more segments than the device takes even
 * at the largest segment a boundary allows. Such a request is valid input but
 * can never be met, so KM_SLEEP on it may wait forever.
 */
export function neverSatisfiable(size: bigint, c: DmaConstraints): boolean {
  const lowest = c.noZeroAddress ? 1n : 0n;
  // The first byte is aligned, so without address 0 it lies at the alignment or above.
  const firstStart = c.noZeroAddress && c.alignment > 1n ? c.alignment : lowest;
  if (size > 0n && firstStart > c.maxAddress) return true;
  if (size > c.maxAddress + 1n - (c.contiguous ? firstStart : lowest)) return true;
  if (!c.contiguous && c.boundary !== 0n && c.maxSegments > 0) {
    return size > BigInt(c.maxSegments) * c.boundary;
  }
  return false;
}
