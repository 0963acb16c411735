import { defaultPhysreq } from '../../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../../spec/constraints/types';

/**
 * physreq structures handed out by physreq_alloc. `prepped` is a copy of the
 * fields physreq_prep accepted, so a later change without a new prep is seen.
 */
export interface PhysreqRecord {
  readonly id: number;
  fields: PhysreqFields;
  prepped: PhysreqFields | null;
  /** physreq_prep was called and refused the fields. */
  refused: boolean;
}

export function sameFields(a: PhysreqFields, b: PhysreqFields): boolean {
  return (
    a.phys_align === b.phys_align &&
    a.phys_boundary === b.phys_boundary &&
    a.phys_dmasize === b.phys_dmasize &&
    a.phys_max_scgth === b.phys_max_scgth &&
    a.phys_flags === b.phys_flags
  );
}

export class PhysreqTable {
  private readonly records = new Map<number, PhysreqRecord>();
  private next = 1;

  alloc(): PhysreqRecord {
    const r: PhysreqRecord = { id: this.next++, fields: defaultPhysreq(), prepped: null, refused: false };
    this.records.set(r.id, r);
    return r;
  }

  get(id: number): PhysreqRecord | undefined {
    return this.records.get(id);
  }

  free(id: number): void {
    this.records.delete(id);
  }
}
