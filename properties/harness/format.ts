import { hex } from '../../spec/address/u64';
import { formatAixFlags } from '../../spec/constants/aix';
import { formatKmFlag, formatPhysFlag } from '../../spec/constants/svr5';

/** Renders call arguments and results for traces: 64-bit values in hex, flags by name. */
export function formatValue(v: unknown): string {
  if (typeof v === 'bigint') return hex(v);
  if (v === null) return 'NULL';
  if (v === undefined) return 'void';
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${formatValue(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

export function formatArgs(service: string, args: ReadonlyArray<unknown>): string {
  const shown = args.map((a, i) => {
    if (service === 'd_map_init' && i === 1) return formatAixFlags(a as number);
    if (service === 'kmem_alloc_phys' && i === 2) return formatPhysFlag(a as number);
    if (/^(kmem_alloc|kmem_zalloc|physreq_alloc|physreq_prep)/.test(service) && i === args.length - 1 && typeof a === 'number') {
      return formatKmFlag(a);
    }
    return formatValue(a);
  });
  return `${service}(${shown.join(', ')})`;
}
