import { hex } from '../../spec/address/u64';
import type { PhysSegment } from '../../spec/constraints/types';
import { describeThrown, fail } from '../harness/failures';
import type { Driver } from '../harness/driver';

/** The physical segments behind a fresh allocation; failing to translate its bytes breaks the size clause. */
export async function segmentsOf(d: Driver, vaddr: bigint, size: bigint, sizeClause: string): Promise<PhysSegment[]> {
  const r = await d.observe('translate', () => d.impl.translate(vaddr, size));
  if (!r.ok) fail(sizeClause, `translate(${hex(vaddr)}, ${hex(size)}) failed: ${describeThrown(r.error)}; not every byte is mapped`);
  if (!Array.isArray(r.value)) fail(sizeClause, `translate(${hex(vaddr)}) returned ${String(r.value)}, not a segment list`);
  return merged(r.value as unknown[], vaddr, sizeClause);
}

/**
 * The segments with physically adjacent neighbours merged as they come, in
 * virtual order. The documents never promise merged segments, so an
 * allocator may report one per page; every later check (placement, RAM,
 * overlap, the live set's index) then costs what the physical runs cost,
 * not what the pages of a large allocation would.
 */
function merged(raw: ReadonlyArray<unknown>, vaddr: bigint, sizeClause: string): PhysSegment[] {
  const out: PhysSegment[] = [];
  for (const s of raw) {
    const { phys, length } = (s ?? {}) as { phys?: unknown; length?: unknown };
    if (typeof phys !== 'bigint' || typeof length !== 'bigint' || length < 0n) fail(sizeClause, `translate(${hex(vaddr)}) returned a segment that is not { phys, length } of bigints`);
    if (length === 0n) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.phys + last.length === phys) out[out.length - 1] = { phys: last.phys, length: last.length + length };
    else out.push({ phys, length });
  }
  return out;
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

/**
 * Several observations issued together and judged in the order given, so
 * the verdict never depends on which answer came first. Through --exec they
 * leave in one write and cost one round trip instead of one each. Only for
 * observations that cannot disturb each other (disjoint bytes), and only a
 * few at a time: each call's deadline runs from the moment it is sent.
 */
async function together<T>(runs: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(runs.map((run) => run()));
  return settled.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
}

/** Writes disjoint byte ranges, all at once (see together). */
export async function writeDisjoint(d: Driver, writes: ReadonlyArray<{ readonly vaddr: bigint; readonly bytes: Uint8Array }>, clause: string): Promise<void> {
  await together(writes.map((w) => () => writeBytes(d, w.vaddr, w.bytes, clause)));
}

/** Reads byte ranges, all at once (see together). */
export async function readSeveral(d: Driver, reads: ReadonlyArray<{ readonly vaddr: bigint; readonly length: number }>, clause: string): Promise<Uint8Array[]> {
  return together(reads.map((r) => () => readBytes(d, r.vaddr, r.length, clause)));
}
