/** The physical memory layout handed to an allocator at setup. */
export type MemoryRangeType = 'ram' | 'reserved';

export interface MemoryRange {
  readonly base: bigint;
  readonly length: bigint;
  readonly type: MemoryRangeType;
}

/** Ranges come sorted by base and never overlap; what no range covers is a hole (neither RAM nor reserved). */
export interface MemoryMap {
  readonly name?: string;
  readonly ranges: ReadonlyArray<MemoryRange>;
}
