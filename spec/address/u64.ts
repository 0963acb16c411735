/**
 * 64-bit addresses and sizes are carried as bigint everywhere they cross an
 * interface: a JavaScript number is exact only below 2^53, and kernel virtual
 * addresses such as 0xffff888000000000 lie far above that.
 */
export type U64 = bigint;

export const U64_MAX: U64 = (1n << 64n) - 1n;

export function isU64(value: unknown): value is U64 {
  return typeof value === 'bigint' && value >= 0n && value <= U64_MAX;
}

/** Lower-case hexadecimal with a 0x prefix: the form every report and wire message uses. */
export function hex(value: bigint): string {
  return value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

/**
 * Parses a decimal or 0x-prefixed string (or a safe integer number) into an
 * unsigned 64-bit value, rejecting anything that is not exactly representable.
 */
export function parseU64(input: unknown, what = 'value'): U64 {
  let value: bigint;
  if (typeof input === 'bigint') value = input;
  else if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) throw new RangeError(`${what}: ${input} is not an exact integer; pass 64-bit values as strings`);
    value = BigInt(input);
  } else if (typeof input === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(input.trim())) {
    value = BigInt(input.trim());
  } else {
    throw new TypeError(`${what}: ${JSON.stringify(input)} is not an unsigned integer (decimal or 0x-hex string)`);
  }
  if (!isU64(value)) throw new RangeError(`${what}: ${hex(value)} is outside 0..2^64-1`);
  return value;
}

/** A bigint that must fit a safe JavaScript number (page counts, frame numbers). */
export function toSafeNumber(value: bigint, what = 'value'): number {
  if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${what}: ${hex(value)} does not fit an exact JavaScript number`);
  }
  return Number(value);
}

export function isPowerOfTwo(value: bigint): boolean {
  return value > 0n && (value & (value - 1n)) === 0n;
}

export function log2Exact(value: bigint): number {
  if (!isPowerOfTwo(value)) throw new RangeError(`log2Exact: ${hex(value)} is not a power of two`);
  return value.toString(2).length - 1;
}

export function alignUp(value: bigint, alignment: bigint): bigint {
  const rem = value % alignment;
  return rem === 0n ? value : value + (alignment - rem);
}

export function alignDown(value: bigint, alignment: bigint): bigint {
  return value - (value % alignment);
}
