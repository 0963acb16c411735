/**
 * What a user writes: a placement core. It hands out physical byte ranges
 * and takes them back; it knows nothing of handles, physreqs, contexts, DDI
 * versions or sleeping, which the service layer (core/services) supplies
 * around it. The reference allocator is the same layer over its own core.
 * Every address and size is a bigint.
 */

/** A range of RAM the core may hand out, from the memory map of one run. */
export interface CoreRange {
  readonly base: bigint;
  readonly length: bigint;
}

/**
 * One request, already in the constraint model both families map onto.
 * The core returns the physical start of `size` bytes such that:
 * - the start is a multiple of `align` (a power of two, at least 1);
 * - with `boundary` non-zero (a power of two), no multiple of it lies in
 *   (start, start + size): the range does not span a boundary;
 * - every byte lies within [lowest, highest] (both inclusive);
 * - no byte is shared with any range handed out and not yet freed.
 */
export interface PlacementRequest {
  readonly size: bigint;
  readonly align: bigint;
  readonly boundary: bigint;
  readonly lowest: bigint;
  readonly highest: bigint;
}

/** One piece of a scattered answer: physical [phys, phys + length). */
export interface CoreSegment {
  readonly phys: bigint;
  readonly length: bigint;
}

/**
 * Constraints a core may declare it does not handle; the shell then refuses
 * every request needing one (physreq_prep answers false). This is the only
 * way to decline a constraint: otherwise a request it cannot meet is
 * answered null.
 */
export interface CoreLimits {
  /** false: the core ignores `boundary`, so physreqs with a phys_boundary are refused at physreq_prep. */
  readonly boundary?: boolean;
}

export interface PlacementCore {
  readonly name: string;
  readonly supports?: CoreLimits;
  /**
   * Starts afresh over these RAM ranges; any earlier state is forgotten.
   * RAM is exact bytes: the map's RAM byte for byte, sorted, disjoint,
   * touching ranges merged, reserved ranges and holes left out, nothing
   * rounded to pages (a range may be 1 byte, start anywhere, span TiB).
   * Every byte handed out must lie in one of them; working in whole pages
   * inside them is the core's own choice.
   */
  init(ranges: ReadonlyArray<CoreRange>, pageSize: number): void;
  /**
   * The physical start of a fitting range, or null when none can be found
   * now (and then nothing changed). The answer is mapped as given and
   * judged by the properties: it is never corrected.
   */
  alloc(request: PlacementRequest): bigint | null;
  /** Gives back a range alloc returned, with the size it was asked for. The shell passes only live ranges. */
  free(address: bigint, size: bigint): void;
  /**
   * Optional, for requests whose memory may be scattered (AIX without
   * DMA_CONTIGUOUS, kmem_alloc_physreq and kmem_zalloc_physreq without
   * PREQ_PHYSCONTIG): pieces that together hold `size` bytes, in the order
   * they are mapped, or null when none can be found now. The first piece
   * starts on a multiple of `align`; every byte lies in [lowest, highest];
   * cut at every multiple of `boundary` (when non-zero) they make at most
   * `maxSegments` pieces (0: no limit). Each piece is later given back on
   * its own with free(phys, length). Without it the shell asks alloc for
   * one run, which meets every such request too.
   */
  allocScattered?(request: PlacementRequest, maxSegments: number): ReadonlyArray<CoreSegment> | null;
  /**
   * Optional access to the memory the core manages (where in-band headers
   * live): the suite then reads and writes allocations here, so a header
   * inside a handed-out range is caught. Without it the shell keeps the bytes.
   */
  /** Exactly `length` bytes; a shorter or longer answer is the core's crash, never padded or cut. */
  read?(address: bigint, length: number): Uint8Array;
  write?(address: bigint, data: Uint8Array): void;
  /**
   * Optional, with read and write: makes [address, address + length) read
   * as zeros, at once. kmem_zalloc_physreq may ask for GiBs; without it the
   * shell writes zeros 64 KiB at a time, which over --core-exec is a round
   * trip and 128 KiB of hex each (minutes for 4 GiB, and past --timeout).
   */
  zero?(address: bigint, length: bigint): void;
  /** Optional: release what the core holds (a subprocess) when the suite is done with it. */
  dispose?(): void;
}

/** A module exports a core object, or a factory making one (called afresh per property). */
export type CoreFactory = () => PlacementCore;
