import { allProperties } from '../../properties';
import type { PropertyResult } from '../../properties/runner/result';
import { FAMILIES, type Family } from '../../spec/interface/implementation';

let byName: ReadonlyMap<string, ReadonlyArray<Family>> | undefined;

/** The families a property needs (none for a name the suite does not know). */
export function familiesOf(property: string): ReadonlyArray<Family> {
  byName ??= new Map(allProperties().map((p) => [p.name, p.families]));
  return byName.get(property) ?? [];
}

/**
 * The families a run did not judge: some result needed the family, and no
 * result needing it was judged (every one UNSUPPORTED). An implementation
 * that serves a family has every property needing only served families
 * judged, so this is exactly the families it does not serve, among those
 * the run's selection touches.
 */
export function unjudgedFamilies(results: ReadonlyArray<PropertyResult>): Family[] {
  return FAMILIES.filter((f) => {
    const needing = results.filter((r) => familiesOf(r.property).includes(f));
    return needing.length > 0 && needing.every((r) => r.status === 'UNSUPPORTED');
  });
}
