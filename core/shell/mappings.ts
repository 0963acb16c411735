import { hex } from '../../spec/address/u64';
import type { PhysSegment } from '../../spec/constraints/types';
import type { PhysicalBytes } from './contents';

/** Which service made a mapping: decides which release service may undo it. */
export type MappingOwner = 'd_alloc_dmamem' | 'kmem_alloc_physcontig' | 'kmem_alloc_physreq' | 'kmem_zalloc_physreq' | 'kmem_alloc_phys';

/** One live allocation: virtual [vaddr, vaddr + size) backed by physical [phys, phys + size) from the core. */
export interface Mapping {
  readonly vaddr: bigint;
  readonly phys: bigint;
  readonly size: bigint;
  readonly owner: MappingOwner;
  readonly handle?: number;
}

/**
 * The live mappings, sorted by virtual address (the virtual space only grows,
 * so new ones are appended), and the CPU's view through them.
 */
export class Mappings {
  private readonly sorted: Mapping[] = [];

  constructor(private readonly bytes: PhysicalBytes) {}

  add(m: Mapping): void {
    const i = this.indexAfter(m.vaddr);
    this.sorted.splice(i, 0, m);
  }

  remove(m: Mapping): void {
    const i = this.sorted.indexOf(m);
    if (i >= 0) this.sorted.splice(i, 1);
  }

  /** The mapping starting exactly at vaddr. */
  at(vaddr: bigint): Mapping | undefined {
    const m = this.sorted[this.indexAfter(vaddr) - 1];
    return m !== undefined && m.vaddr === vaddr ? m : undefined;
  }

  countOfHandle(handle: number): number {
    return this.sorted.filter((m) => m.handle === handle).length;
  }

  translate(vaddr: bigint, length: bigint): PhysSegment[] {
    return this.pieces(vaddr, length, 'translate');
  }

  read(vaddr: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let at = 0;
    for (const p of this.pieces(vaddr, BigInt(length), 'read')) {
      out.set(this.bytes.read(p.phys, Number(p.length)), at);
      at += Number(p.length);
    }
    return out;
  }

  write(vaddr: bigint, data: Uint8Array): void {
    let at = 0;
    // Every byte is found mapped before the first is written.
    for (const p of this.pieces(vaddr, BigInt(data.length), 'write')) {
      this.bytes.write(p.phys, data.subarray(at, at + Number(p.length)));
      at += Number(p.length);
    }
  }

  /** Physical pieces of [vaddr, vaddr + length), merged where adjacent; throws on any unmapped byte. */
  private pieces(vaddr: bigint, length: bigint, api: string): PhysSegment[] {
    const out: PhysSegment[] = [];
    let v = vaddr;
    let left = length;
    while (left > 0n) {
      const m = this.sorted[this.indexAfter(v) - 1];
      if (m === undefined || v >= m.vaddr + m.size) throw new RangeError(`${api}: virtual address ${hex(v)} is not mapped`);
      const offset = v - m.vaddr;
      const n = left < m.size - offset ? left : m.size - offset;
      const phys = m.phys + offset;
      const last = out[out.length - 1];
      if (last !== undefined && last.phys + last.length === phys) out[out.length - 1] = { phys: last.phys, length: last.length + n };
      else out.push({ phys, length: n });
      v += n;
      left -= n;
    }
    return out;
  }

  /** Index of the first mapping starting above vaddr. */
  private indexAfter(vaddr: bigint): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.vaddr <= vaddr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
