import { defaultPhysreq } from '../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../spec/constraints/types';

/** A physreq structure; `prepped` is a copy of what physreq_prep accepted, so a later change is seen. */
export interface PhysreqRecord {
  fields: PhysreqFields;
  prepped: PhysreqFields | null;
  refused: boolean;
}

const BIGINT_FIELDS: ReadonlyArray<string> = ['phys_align', 'phys_boundary'];
const NUMBER_FIELDS: ReadonlyArray<string> = ['phys_dmasize', 'phys_max_scgth', 'phys_flags'];

/** A physreq_set update of the wrong type is the caller's bug (TypeError); values are judged by physreq_prep. */
export function checkFieldTypes(fields: Partial<PhysreqFields>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (BIGINT_FIELDS.includes(key)) {
      if (typeof value !== 'bigint') throw new TypeError(`physreq_set: ${key} must be a bigint`);
    } else if (NUMBER_FIELDS.includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`physreq_set: ${key} must be an integer`);
    } else throw new TypeError(`physreq_set: physreq has no field ${key}`);
  }
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

  alloc(): number {
    const id = this.next++;
    this.records.set(id, { fields: defaultPhysreq(), prepped: null, refused: false });
    return id;
  }

  get(id: number): PhysreqRecord | undefined {
    return this.records.get(id);
  }

  free(id: number): void {
    this.records.delete(id);
  }
}
