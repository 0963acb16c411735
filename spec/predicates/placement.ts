/**
 * Pure predicates on one placement. They are the single definition of each
 * constraint: the reference allocator uses them to choose memory and the
 * properties use them to judge any allocator.
 */

export function isAligned(address: bigint, alignment: bigint): boolean {
  return alignment <= 1n || address % alignment === 0n;
}

/**
 * True when [start, start + length) spans an address that is a multiple of
 * `boundary`, other than its own start (0 means no boundary).
 */
export function crossesBoundary(start: bigint, length: bigint, boundary: bigint): boolean {
  if (boundary === 0n || length === 0n) return false;
  return start / boundary !== (start + length - 1n) / boundary;
}

/** True when every byte of [start, start + length) is at or below maxAddress. */
export function withinAddressLimit(start: bigint, length: bigint, maxAddress: bigint): boolean {
  return length === 0n ? start <= maxAddress + 1n : start + length - 1n <= maxAddress;
}

export function touchesAddressZero(start: bigint, length: bigint): boolean {
  return start === 0n && length > 0n;
}
