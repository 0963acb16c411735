import { hex } from '../../spec/address/u64';
import type { PhysSegment } from '../../spec/constraints/types';
import { describeThrown, fail } from '../harness/failures';
import type { Driver } from '../harness/driver';

/** The physical segments behind a fresh allocation; failing to translate its bytes breaks the size clause. */
export async function segmentsOf(d: Driver, vaddr: bigint, size: bigint, sizeClause: string): Promise<PhysSegment[]> {
  const r = await d.observe('translate', () => d.impl.translate(vaddr, size));
  if (!r.ok) fail(sizeClause, `translate(${hex(vaddr)}, ${hex(size)}) failed: ${describeThrown(r.error)}; not every byte is mapped`);
  if (!Array.isArray(r.value)) fail(sizeClause, `translate(${hex(vaddr)}) returned ${String(r.value)}, not a segment list`);
  return r.value;
}

export async function readBytes(d: Driver, vaddr: bigint, length: number, clause: string): Promise<Uint8Array> {
  const r = await d.observe('read', () => d.impl.read(vaddr, length));
  if (!r.ok) fail(clause, `read(${hex(vaddr)}, ${length}) failed: ${describeThrown(r.error)}`);
  return r.value;
}

export async function writeBytes(d: Driver, vaddr: bigint, bytes: Uint8Array, clause: string): Promise<void> {
  const r = await d.observe('write', () => d.impl.write(vaddr, bytes));
  if (!r.ok) fail(clause, `write(${hex(vaddr)}, ${bytes.length} bytes) failed: ${describeThrown(r.error)}`);
}
