import { FAMILY_SERVICES, type DmaImplementation, type Family, type MaybePromise, type ServiceName } from '../../spec/interface/implementation';
import type { PhysreqFields } from '../../spec/constraints/types';
import { mayBlock } from '../../spec/rules/context-rules';
import {
  decodeAddressOrNull,
  decodeBoolean,
  decodeDmaPairOrNull,
  decodeHandle,
  decodeNull,
  decodePhysAllocationOrNull,
  decodePhysreqOrNull,
  decodePoolOrNull,
  decodeReturnCode,
  encodeU64,
} from './codec';
import type { WireArgs } from './wire';

type Async<F> = F extends (...args: infer A) => MaybePromise<infer R> ? (...args: A) => Promise<R> : never;

/** The services as the interface has them, except that every result is a promise: each is a round trip. */
export type ServiceFunctions = { readonly [K in ServiceName]: Async<Required<DmaImplementation>[K]> };

/** Sends one service request; `blocks` marks a call that may legitimately wait. */
export type ServiceCall = <T>(op: ServiceName, args: WireArgs, decode: (raw: unknown) => T, blocks: boolean) => Promise<T>;

function encodeFields(fields: Partial<PhysreqFields>): WireArgs {
  const out: Record<string, unknown> = {};
  if (fields.phys_align !== undefined) out.phys_align = encodeU64(fields.phys_align, 'phys_align');
  if (fields.phys_boundary !== undefined) out.phys_boundary = encodeU64(fields.phys_boundary, 'phys_boundary');
  if (fields.phys_dmasize !== undefined) out.phys_dmasize = fields.phys_dmasize;
  if (fields.phys_max_scgth !== undefined) out.phys_max_scgth = fields.phys_max_scgth;
  if (fields.phys_flags !== undefined) out.phys_flags = fields.phys_flags;
  return out;
}

/**
 * Makes an argument that cannot be encoded reject like any other failure
 * instead of throwing at the caller. Not an async function: the request's
 * own promise goes back as it is, with what it carries (`parked`, `probe`).
 */
function guard<A extends unknown[], R>(f: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    try {
      return f(...args);
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

/** One request per service, arguments named as in the interface. */
export function serviceFunctions(call: ServiceCall): ServiceFunctions {
  const u64 = encodeU64;
  return {
    d_map_init: guard((ctx, bid, flags, bus_flags, channel) =>
      call('d_map_init', { ctx, bid, flags, bus_flags, channel }, decodeHandle, false)),
    d_map_clear: guard((ctx, handle) => call('d_map_clear', { ctx, handle }, decodeNull, false)),
    d_alloc_dmamem: guard((ctx, handle, size, align) =>
      call('d_alloc_dmamem', { ctx, handle, size: u64(size, 'size'), align }, decodeAddressOrNull, false)),
    d_free_dmamem: guard((ctx, handle, addr, size) =>
      call('d_free_dmamem', { ctx, handle, addr: u64(addr, 'addr'), size: u64(size, 'size') }, decodeReturnCode, false)),
    physreq_alloc: guard((ctx, flag) => call('physreq_alloc', { ctx, flag }, decodePhysreqOrNull, mayBlock('physreq_alloc', flag))),
    physreq_set: guard((ctx, preq, fields) => call('physreq_set', { ctx, preq, fields: encodeFields(fields) }, decodeNull, false)),
    physreq_prep: guard((ctx, preq, flag) => call('physreq_prep', { ctx, preq, flag }, decodeBoolean, mayBlock('physreq_prep', flag))),
    physreq_free: guard((ctx, preq) => call('physreq_free', { ctx, preq }, decodeNull, false)),
    kmem_alloc_physcontig: guard((ctx, size, preq, flag) =>
      call('kmem_alloc_physcontig', { ctx, size: u64(size, 'size'), preq, flag }, decodeAddressOrNull, mayBlock('kmem_alloc_physcontig', flag))),
    kmem_free_physcontig: guard((ctx, addr, size) =>
      call('kmem_free_physcontig', { ctx, addr: u64(addr, 'addr'), size: u64(size, 'size') }, decodeNull, false)),
    kmem_alloc_physreq: guard((ctx, size, preq, flag) =>
      call('kmem_alloc_physreq', { ctx, size: u64(size, 'size'), preq, flag }, decodeAddressOrNull, mayBlock('kmem_alloc_physreq', flag))),
    kmem_zalloc_physreq: guard((ctx, size, preq, flag) =>
      call('kmem_zalloc_physreq', { ctx, size: u64(size, 'size'), preq, flag }, decodeAddressOrNull, mayBlock('kmem_zalloc_physreq', flag))),
    kmem_alloc_phys: guard((ctx, size, preq, flags) =>
      call('kmem_alloc_phys', { ctx, size: u64(size, 'size'), preq, flags }, decodePhysAllocationOrNull, mayBlock('kmem_alloc_phys', flags))),
    kmem_free: guard((ctx, addr, size) => call('kmem_free', { ctx, addr: u64(addr, 'addr'), size: u64(size, 'size') }, decodeNull, false)),
    dma_set_mask: guard((ctx, dev, mask) => call('dma_set_mask', { ctx, dev, mask: u64(mask, 'mask') }, decodeReturnCode, false)),
    dma_set_coherent_mask: guard((ctx, dev, mask) => call('dma_set_coherent_mask', { ctx, dev, mask: u64(mask, 'mask') }, decodeReturnCode, false)),
    dma_set_mask_and_coherent: guard((ctx, dev, mask) =>
      call('dma_set_mask_and_coherent', { ctx, dev, mask: u64(mask, 'mask') }, decodeReturnCode, false)),
    dma_alloc_coherent: guard((ctx, dev, size, gfp) => call('dma_alloc_coherent', { ctx, dev, size: u64(size, 'size'), gfp }, decodeDmaPairOrNull, false)),
    dma_free_coherent: guard((ctx, dev, size, cpu, dma) =>
      call('dma_free_coherent', { ctx, dev, size: u64(size, 'size'), cpu: u64(cpu, 'cpu'), dma: u64(dma, 'dma') }, decodeNull, false)),
    dma_pool_create: guard((ctx, name, dev, size, align, boundary) =>
      call('dma_pool_create', { ctx, name, dev, size: u64(size, 'size'), align: u64(align, 'align'), boundary: u64(boundary, 'boundary') }, decodePoolOrNull, false)),
    dma_pool_alloc: guard((ctx, pool, gfp) => call('dma_pool_alloc', { ctx, pool, gfp }, decodeDmaPairOrNull, false)),
    dma_pool_zalloc: guard((ctx, pool, gfp) => call('dma_pool_zalloc', { ctx, pool, gfp }, decodeDmaPairOrNull, false)),
    dma_pool_free: guard((ctx, pool, cpu, dma) => call('dma_pool_free', { ctx, pool, cpu: u64(cpu, 'cpu'), dma: u64(dma, 'dma') }, decodeNull, false)),
    dma_pool_destroy: guard((ctx, pool) => call('dma_pool_destroy', { ctx, pool }, decodeNull, false)),
  };
}

/** The services of the declared families only, so that the others read as absent (UNSUPPORTED). */
export function servicesOf(all: ServiceFunctions, families: ReadonlyArray<Family>): Partial<ServiceFunctions> {
  const picked: Partial<Record<ServiceName, unknown>> = {};
  for (const family of families) for (const name of FAMILY_SERVICES[family]) picked[name] = all[name];
  return picked as Partial<ServiceFunctions>;
}
