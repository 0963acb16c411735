import { hex } from '../../spec/address/u64';
import type { PhysSegment } from '../../spec/constraints/types';
import { fail } from '../harness/failures';
import type { FailureRegion } from '../harness/region';
import { IntervalIndex } from '../oracle/interval-index';
import type { Probe } from '../oracle/pattern';

/** One allocation the suite holds, with what it wrote into it. */
export interface Live {
  readonly id: number;
  readonly token: number;
  readonly shapeIndex: number;
  readonly vaddr: bigint;
  readonly size: bigint;
  readonly segments: ReadonlyArray<PhysSegment>;
  readonly probes: ReadonlyArray<Probe>;
  /** Set once the probes are written: until then there is nothing to verify. */
  written: boolean;
}

/**
 * The suite's own record of live allocations: virtual and physical byte
 * ranges indexed so that an overlap with any live allocation is found in
 * logarithmic time.
 */
export class LiveSet {
  readonly items: Live[] = [];
  private readonly virt = new IntervalIndex<Live>();
  private readonly phys = new IntervalIndex<Live>();

  get size(): number {
    return this.items.length;
  }

  pick(n: number): Live | undefined {
    return this.items.length === 0 ? undefined : this.items[n % this.items.length];
  }

  /** Fails with `clause` (dma.no-overlap unless told) when the new allocation shares a byte with a live one. */
  checkDisjoint(vaddr: bigint, size: bigint, segments: ReadonlyArray<PhysSegment>, region?: () => FailureRegion, clause = 'dma.no-overlap'): void {
    const v = this.virt.collision({ start: vaddr, length: size });
    if (v !== undefined) fail(clause, `virtual ${hex(vaddr)}+${hex(size)} overlaps live allocation #${v.id} at ${hex(v.vaddr)}+${hex(v.size)}`, region?.());
    for (const s of segments) {
      const p = this.phys.collision({ start: s.phys, length: s.length });
      if (p !== undefined) fail(clause, `physical ${hex(s.phys)}+${hex(s.length)} overlaps live allocation #${p.id}`, region?.());
    }
  }

  /** Whether a live allocation holds this virtual byte. */
  covers(vaddr: bigint): boolean {
    return this.virt.collision({ start: vaddr, length: 1n }) !== undefined;
  }

  add(l: Live): void {
    this.items.push(l);
    this.virt.add({ start: l.vaddr, length: l.size }, l);
    for (const s of l.segments) this.phys.add({ start: s.phys, length: s.length }, l);
  }

  remove(l: Live): void {
    const i = this.items.indexOf(l);
    if (i >= 0) this.items.splice(i, 1);
    this.virt.remove({ start: l.vaddr, length: l.size }, l);
    for (const s of l.segments) this.phys.remove({ start: s.phys, length: s.length }, l);
  }
}
