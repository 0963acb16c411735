import type { PhysreqFields } from '../../../spec/constraints/types';

const BIGINT_FIELDS = ['phys_align', 'phys_boundary'] as const;
const NUMBER_FIELDS = ['phys_dmasize', 'phys_max_scgth', 'phys_flags'] as const;

/**
 * Checks the types of a physreq_set update (a caller bug, hence TypeError): the two address-sized fields are
 * bigints, the rest integers. Values are judged later, by physreq_prep.
 */
export function checkFieldTypes(fields: Partial<PhysreqFields>): void {
  for (const key of Object.keys(fields)) {
    const value = (fields as Record<string, unknown>)[key];
    if ((BIGINT_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== 'bigint') throw new TypeError(`physreq_set: ${key} must be a bigint`);
    } else if ((NUMBER_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`physreq_set: ${key} must be an integer`);
    } else {
      throw new TypeError(`physreq_set: physreq has no field ${key}`);
    }
  }
}
