import { U64_MAX, hex } from '../../spec/address/u64';
import type { PhysSegment } from '../../spec/constraints/types';
import type { DmaPair, PhysAllocation, SetupConfig } from '../../spec/interface/implementation';

/**
 * Encoding of values to the wire and strict decoding of what comes back.
 * A decoder throws a TypeError saying what was wrong; the connection turns it
 * into ImplementationBroken, naming the request.
 */

const HEX_U64 = /^0x[0-9a-fA-F]+$/;
const HEX_BYTES = /^(?:[0-9a-fA-F]{2})*$/;

export function show(raw: unknown): string {
  const text = typeof raw === 'bigint' ? `${raw}n` : JSON.stringify(raw);
  if (text === undefined) return String(raw);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function encodeU64(value: bigint, what: string): string {
  if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
    throw new RangeError(`SubprocessImplementation: ${what} ${show(value)} is not a bigint in 0..2^64-1`);
  }
  return hex(value);
}

export function encodeBytes(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

export function decodeU64(raw: unknown, what: string): bigint {
  if (typeof raw !== 'string' || !HEX_U64.test(raw)) throw new TypeError(`${what} ${show(raw)} is not a 0x-hex string`);
  const value = BigInt(raw);
  if (value > U64_MAX) throw new TypeError(`${what} ${raw} is above 2^64-1`);
  return value;
}

export function decodeAddressOrNull(raw: unknown): bigint | null {
  return raw === null ? null : decodeU64(raw, 'address');
}

function isSafeInt(raw: unknown): raw is number {
  return typeof raw === 'number' && Number.isSafeInteger(raw);
}

/** d_map_init: a handle is a positive integer; -1 is DMA_FAIL. */
export function decodeHandle(raw: unknown): number {
  if (isSafeInt(raw) && (raw > 0 || raw === -1)) return raw;
  throw new TypeError(`handle ${show(raw)} is neither a positive integer nor -1 (DMA_FAIL)`);
}

export function decodePhysreqOrNull(raw: unknown): number | null {
  if (raw === null || (isSafeInt(raw) && raw > 0)) return raw;
  throw new TypeError(`physreq ${show(raw)} is neither a positive integer nor null`);
}

/** d_free_dmamem's return code: any int; which values conform is the properties' business. */
export function decodeReturnCode(raw: unknown): number {
  if (isSafeInt(raw) && raw >= -(2 ** 31) && raw < 2 ** 31) return raw;
  throw new TypeError(`return code ${show(raw)} is not an int`);
}

export function decodeBoolean(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  throw new TypeError(`${show(raw)} is not true or false`);
}

export function decodeNull(raw: unknown): void {
  if (raw !== null) throw new TypeError(`${show(raw)} is not null`);
}

function asObject(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError(`${what} ${show(raw)} is not an object`);
  return raw as Record<string, unknown>;
}

export function decodePhysAllocationOrNull(raw: unknown): PhysAllocation | null {
  if (raw === null) return null;
  const o = asObject(raw, 'allocation');
  return { vaddr: decodeU64(o.vaddr, 'vaddr'), paddr: decodeU64(o.paddr, 'paddr') };
}

/** dma_alloc_coherent, dma_pool_alloc: { cpu, dma } or null. */
export function decodeDmaPairOrNull(raw: unknown): DmaPair | null {
  if (raw === null) return null;
  const o = asObject(raw, 'allocation');
  return { cpu: decodeU64(o.cpu, 'cpu'), dma: decodeU64(o.dma, 'dma') };
}

/** dma_pool_create: a pool is a positive integer, or null when none was made. */
export function decodePoolOrNull(raw: unknown): number | null {
  if (raw === null || (isSafeInt(raw) && raw > 0)) return raw;
  throw new TypeError(`pool ${show(raw)} is neither a positive integer nor null`);
}

export function decodeSegments(raw: unknown): PhysSegment[] {
  if (!Array.isArray(raw)) throw new TypeError(`segments ${show(raw)} is not an array`);
  return raw.map((item, i) => {
    const o = asObject(item, `segment ${i}`);
    return { phys: decodeU64(o.phys, `segment ${i} phys`), length: decodeU64(o.length, `segment ${i} length`) };
  });
}

export function decodeBytes(raw: unknown, length: number): Uint8Array {
  if (typeof raw !== 'string' || !HEX_BYTES.test(raw)) throw new TypeError(`bytes ${show(raw)} are not pairs of hex digits`);
  if (raw.length !== length * 2) throw new TypeError(`${raw.length / 2} bytes came back, ${length} were asked for`);
  return new Uint8Array(Buffer.from(raw, 'hex'));
}

export function decodeHeap(raw: unknown): 'real_heap' | 'pinned_heap' | null {
  if (raw === null || raw === 'real_heap' || raw === 'pinned_heap') return raw;
  throw new TypeError(`heap ${show(raw)} is not "real_heap", "pinned_heap" or null`);
}

export function encodeSetup(config: SetupConfig): Record<string, unknown> {
  return {
    ranges: config.memoryMap.ranges.map((r, i) => ({
      base: encodeU64(r.base, `range ${i} base`),
      length: encodeU64(r.length, `range ${i} length`),
      type: r.type,
    })),
    pageSize: config.pageSize,
    ddiVersion: config.ddiVersion,
    ...(config.seed === undefined ? {} : { seed: config.seed }),
  };
}
