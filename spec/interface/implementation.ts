import type { Context, DdiVersion } from '../constants/context';
import type { PhysSegment, PhysreqFields } from '../constraints/types';
import type { MemoryMap } from './memory-map';

/**
 * The interface an allocator under test provides. Every address and size is
 * a bigint. The calling context travels with every service call. A KM_SLEEP
 * call may return a promise that settles once memory is available.
 *
 * Failures are reported as the documents say (null for NULL, DMA_FAIL, -1,
 * false for B_FALSE). A broken rule of use may instead be reported by
 * throwing an error whose `clause` property names the clause (see
 * spec/errors.ts); such a call must change nothing. A void release
 * (kmem_free_physcontig, kmem_free) may also refuse a bad release silently,
 * by ignoring it: it is judged by its effects (docs/correct-allocators.md).
 * Any other throw counts as the implementation crashing.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A call that may wait (KM_SLEEP, kmem_alloc_phys with flags 0) answers
 * with a promise. The suite takes it to be waiting once it is still
 * unsettled after a grace period (40 ms in-process). A promise that also
 * carries `parked`, resolving true once the caller is queued, says so at
 * once and saves that wait; false, or no `parked`, leaves the grace period
 * as it is. Claiming parked for a call that then answers on its own is the
 * implementation's doing, judged like any answer that comes late.
 */
export interface Parked {
  readonly parked: Promise<boolean>;
}

/**
 * A call answered through a pipe may carry `probe`: once the grace period
 * has passed without an answer, the suite asks it, and it resolves true if
 * the call is parked; while the call is only slow it stays unsettled (the
 * answer is then on its way). A slow answer is then waited for, up to the
 * call's timeout, instead of being taken for waiting.
 */
export interface Probe {
  readonly probe: () => Promise<boolean>;
}

/** A family of services; one an implementation lacks is reported UNSUPPORTED. */
export type Family =
  | 'aix' // d_map_init, d_map_clear, d_alloc_dmamem, d_free_dmamem
  | 'svr5-physcontig' // physreq_*, kmem_alloc_physcontig, kmem_free_physcontig (DDI 5, 6)
  | 'svr5-physreq' // physreq_*, kmem_alloc_physreq, kmem_zalloc_physreq, kmem_free (DDI 7+)
  | 'svr5-phys' // physreq_*, kmem_alloc_phys, kmem_free (DDI 8)
  | 'linux'; // dma_set_*mask*, dma_alloc_coherent, dma_free_coherent, dma_pool_*

export const FAMILIES: ReadonlyArray<Family> = ['aix', 'svr5-physcontig', 'svr5-physreq', 'svr5-phys', 'linux'];

export interface SetupConfig {
  readonly memoryMap: MemoryMap;
  /** Bytes per page: a power of two, at least 4096. */
  readonly pageSize: number;
  /** The DDI version the (simulated) driver declares; it decides which SVR5 services exist. */
  readonly ddiVersion: DdiVersion;
  /** Seed for anything the implementation randomises (the reference's free-list shuffling). */
  readonly seed?: number;
}

/** Handles and physreqs are opaque positive integers chosen by the implementation. */
export type DmaHandle = number;
export type PhysreqRef = number;

export interface PhysAllocation {
  readonly vaddr: bigint;
  readonly paddr: bigint;
}

/**
 * Linux: a device is named by a positive integer the caller picks; every
 * device starts each setup with 32-bit masks. A pool is an opaque positive
 * integer chosen by the implementation.
 */
export type DeviceRef = number;
export type PoolRef = number;

/** What dma_alloc_coherent and dma_pool_alloc return: the CPU's address and the device's (dma_addr_t). */
export interface DmaPair {
  readonly cpu: bigint;
  readonly dma: bigint;
}

export interface DmaImplementation {
  readonly name: string;
  readonly families: ReadonlyArray<Family>;

  /** Starts afresh: forgets every allocation, handle and physreq. */
  setup(config: SetupConfig): MaybePromise<void>;

  // AIX family
  d_map_init?(ctx: Context, bid: number, flags: number, bus_flags: number, channel: number): MaybePromise<DmaHandle>;
  d_map_clear?(ctx: Context, handle: DmaHandle): MaybePromise<void>;
  d_alloc_dmamem?(ctx: Context, handle: DmaHandle, size: bigint, align: number): MaybePromise<bigint | null>;
  d_free_dmamem?(ctx: Context, handle: DmaHandle, addr: bigint, size: bigint): MaybePromise<number>;

  // SVR5 family. physreq_set stands for the driver storing into the structure's fields.
  physreq_alloc?(ctx: Context, flag: number): MaybePromise<PhysreqRef | null>;
  physreq_set?(ctx: Context, preq: PhysreqRef, fields: Partial<PhysreqFields>): MaybePromise<void>;
  physreq_prep?(ctx: Context, preq: PhysreqRef, flag: number): MaybePromise<boolean>;
  physreq_free?(ctx: Context, preq: PhysreqRef): MaybePromise<void>;
  kmem_alloc_physcontig?(ctx: Context, size: bigint, preq: PhysreqRef, flag: number): MaybePromise<bigint | null>;
  kmem_free_physcontig?(ctx: Context, addr: bigint, size: bigint): MaybePromise<void>;
  kmem_alloc_physreq?(ctx: Context, size: bigint, preq: PhysreqRef, flag: number): MaybePromise<bigint | null>;
  kmem_zalloc_physreq?(ctx: Context, size: bigint, preq: PhysreqRef, flag: number): MaybePromise<bigint | null>;
  kmem_alloc_phys?(ctx: Context, size: bigint, preq: PhysreqRef, flags: number): MaybePromise<PhysAllocation | null>;
  kmem_free?(ctx: Context, addr: bigint, size: bigint): MaybePromise<void>;

  // Linux family. Masks answer 0 or a negative errno; allocations NULL on failure.
  dma_set_mask?(ctx: Context, dev: DeviceRef, mask: bigint): MaybePromise<number>;
  dma_set_coherent_mask?(ctx: Context, dev: DeviceRef, mask: bigint): MaybePromise<number>;
  dma_set_mask_and_coherent?(ctx: Context, dev: DeviceRef, mask: bigint): MaybePromise<number>;
  dma_alloc_coherent?(ctx: Context, dev: DeviceRef, size: bigint, gfp: number): MaybePromise<DmaPair | null>;
  dma_free_coherent?(ctx: Context, dev: DeviceRef, size: bigint, cpu: bigint, dma: bigint): MaybePromise<void>;
  dma_pool_create?(ctx: Context, name: string, dev: DeviceRef, size: bigint, align: bigint, boundary: bigint): MaybePromise<PoolRef | null>;
  dma_pool_alloc?(ctx: Context, pool: PoolRef, gfp: number): MaybePromise<DmaPair | null>;
  dma_pool_zalloc?(ctx: Context, pool: PoolRef, gfp: number): MaybePromise<DmaPair | null>;
  dma_pool_free?(ctx: Context, pool: PoolRef, cpu: bigint, dma: bigint): MaybePromise<void>;
  dma_pool_destroy?(ctx: Context, pool: PoolRef): MaybePromise<void>;

  // Observation: what a device and the CPU would see. No context, no side effects on allocation state.
  /** The physical segments behind [vaddr, vaddr + length), in virtual order. Throws if any byte is unmapped. */
  translate(vaddr: bigint, length: bigint): MaybePromise<PhysSegment[]>;
  read(vaddr: bigint, length: number): MaybePromise<Uint8Array>;
  write(vaddr: bigint, data: Uint8Array): MaybePromise<void>;
  /** Optional: which AIX heap backs an allocation, so the real_heap rule can be checked. */
  heapOf?(vaddr: bigint): MaybePromise<'real_heap' | 'pinned_heap' | null>;
  /** Optional: release resources (a subprocess, a timer) when the suite is done with it. */
  dispose?(): MaybePromise<void>;
}

export type ServiceName =
  | 'd_map_init'
  | 'd_map_clear'
  | 'd_alloc_dmamem'
  | 'd_free_dmamem'
  | 'physreq_alloc'
  | 'physreq_set'
  | 'physreq_prep'
  | 'physreq_free'
  | 'kmem_alloc_physcontig'
  | 'kmem_free_physcontig'
  | 'kmem_alloc_physreq'
  | 'kmem_zalloc_physreq'
  | 'kmem_alloc_phys'
  | 'kmem_free'
  | 'dma_set_mask'
  | 'dma_set_coherent_mask'
  | 'dma_set_mask_and_coherent'
  | 'dma_alloc_coherent'
  | 'dma_free_coherent'
  | 'dma_pool_create'
  | 'dma_pool_alloc'
  | 'dma_pool_zalloc'
  | 'dma_pool_free'
  | 'dma_pool_destroy';

export const FAMILY_SERVICES: Readonly<Record<Family, ReadonlyArray<ServiceName>>> = {
  aix: ['d_map_init', 'd_map_clear', 'd_alloc_dmamem', 'd_free_dmamem'],
  'svr5-physcontig': ['physreq_alloc', 'physreq_set', 'physreq_prep', 'physreq_free', 'kmem_alloc_physcontig', 'kmem_free_physcontig'],
  'svr5-physreq': ['physreq_alloc', 'physreq_set', 'physreq_prep', 'physreq_free', 'kmem_alloc_physreq', 'kmem_zalloc_physreq', 'kmem_free'],
  'svr5-phys': ['physreq_alloc', 'physreq_set', 'physreq_prep', 'physreq_free', 'kmem_alloc_phys', 'kmem_free'],
  linux: [
    'dma_set_mask',
    'dma_set_coherent_mask',
    'dma_set_mask_and_coherent',
    'dma_alloc_coherent',
    'dma_free_coherent',
    'dma_pool_create',
    'dma_pool_alloc',
    'dma_pool_zalloc',
    'dma_pool_free',
    'dma_pool_destroy',
  ],
};
