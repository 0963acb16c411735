/**
 * AIX d_map_init flag values and return codes, as RESEARCH.md lists them from
 * the AIX 5.3 sys/dma.h header. The flags are ORed into one int.
 */
export const DMA_MASTER = 0x00;
export const DMA_SLAVE = 0x10;
export const DMA_NO_ZERO_ADDR = 0x40;
export const DMA_ADDRESS_64_BIT = 0x80;
export const DMA_ENABLE_64 = 0x100;
export const DMA_CONTIGUOUS = 0x800;
/** Low four bits: DMA_MAXMIN_64K (0x0) .. DMA_MAXMIN_2G (0xF). */
export const DMA_MAXMIN_MASK = 0x0f;

/** Every bit d_map_init understands; the suite treats any other bit as invalid. */
export const DMA_KNOWN_FLAGS =
  DMA_SLAVE | DMA_NO_ZERO_ADDR | DMA_ADDRESS_64_BIT | DMA_ENABLE_64 | DMA_CONTIGUOUS | DMA_MAXMIN_MASK;

export const DMA_SUCC = 0;
export const DMA_FAIL = -1;
export const DMA_NOACC = -2;
export const DMA_NORES = -3;
export const DMA_DIOFULL = -4;

/** real_heap (rmalloc) is real memory in the low 16 MB. */
export const REAL_HEAP_LIMIT = 1n << 24n;

/** Named flag bits, for traces and reports. */
export const AIX_FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [DMA_SLAVE, 'DMA_SLAVE'],
  [DMA_NO_ZERO_ADDR, 'DMA_NO_ZERO_ADDR'],
  [DMA_ADDRESS_64_BIT, 'DMA_ADDRESS_64_BIT'],
  [DMA_ENABLE_64, 'DMA_ENABLE_64'],
  [DMA_CONTIGUOUS, 'DMA_CONTIGUOUS'],
];

export function formatAixFlags(flags: number): string {
  const names = AIX_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  const maxmin = flags & DMA_MAXMIN_MASK;
  if (maxmin !== 0) names.push(`DMA_MAXMIN(${maxmin})`);
  const unknown = flags & ~DMA_KNOWN_FLAGS;
  if (unknown !== 0) names.push(`0x${(unknown >>> 0).toString(16)}`);
  return names.length === 0 ? 'DMA_MASTER' : names.join('|');
}
