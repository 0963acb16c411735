import type { ServiceName } from '../../spec/interface/implementation';

const ADDRESS_SERVICES: ReadonlySet<ServiceName> = new Set(['d_alloc_dmamem', 'kmem_alloc_physcontig', 'kmem_alloc_physreq', 'kmem_zalloc_physreq']);

const isAddress = (v: unknown): boolean => typeof v === 'bigint' && v >= 0n && v < 1n << 64n;

/**
 * Why an allocation service's answer is not even of its type (an address is
 * a bigint in 0..2^64-1, or null), or null when it is. No clause can judge
 * such an answer: the implementation broke down, as if it had thrown.
 * Only types are checked here; every value of the right type is the
 * properties' to judge.
 */
export function garbageIn(service: ServiceName, value: unknown): string | null {
  if (value === null) return null;
  if (ADDRESS_SERVICES.has(service)) return isAddress(value) ? null : `${service} returned ${describe(value)}, not an address (a bigint in 0..2^64-1) or null`;
  if (service === 'kmem_alloc_phys') {
    const v = value as { vaddr?: unknown; paddr?: unknown };
    if (typeof value === 'object' && isAddress(v.vaddr) && isAddress(v.paddr)) return null;
    return `kmem_alloc_phys returned ${describe(value)}, not { vaddr, paddr } (bigints in 0..2^64-1) or null`;
  }
  return null;
}

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return `${typeof v} ${String(v)}`;
}
