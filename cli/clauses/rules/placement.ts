import { aixFamily } from '../../../properties/families/aix';
import { physcontigFamily, physFamily, physreqAllocFamily, physreqZallocFamily } from '../../../properties/families/svr5';
import type { FamilyAdapter } from '../../../properties/families/types';
import type { ServiceName } from '../../../spec/interface/implementation';
import type { ConstraintKind } from '../../../spec/predicates/check';
import { code, mdTable } from './markdown';

const KINDS: ReadonlyArray<readonly [ConstraintKind, string]> = [
  ['length', 'the memory does not cover exactly the requested bytes'],
  ['alignment', 'the physical start is not aligned'],
  ['virtual-alignment', 'the returned address is not aligned'],
  ['boundary', 'a run spans a boundary multiple (memory that may scatter: the list entries this adds are more than the device takes)'],
  ['address-limit', 'a byte lies above the address limit'],
  ['zero-address', 'a byte lies at physical address 0'],
  ['contiguity', 'more than one physical run where one is required'],
  ['segment-count', 'more scatter/gather entries than the device takes'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const FAMILIES: ReadonlyArray<FamilyAdapter<any>> = [aixFamily, physcontigFamily, physreqAllocFamily, physreqZallocFamily, physFamily];

/** Only d_alloc_dmamem promises its returned (virtual) address an alignment; the SVR5 services align the physical start alone. */
const VIRTUALLY_ALIGNED: ReadonlySet<ServiceName> = new Set(['d_alloc_dmamem']);

/** Which clause the suite names when memory returned by this service breaks a constraint (the families' own mapping). */
export function placementTable(service: ServiceName): string[] {
  const fam = FAMILIES.find((f) => f.allocService === service);
  if (fam === undefined) return [];
  const kinds = KINDS.filter(([k]) => k !== 'virtual-alignment' || VIRTUALLY_ALIGNED.has(service));
  return [
    'When memory comes back, the suite checks where it lies; a breach is reported under:',
    '',
    ...mdTable(['Breach', 'Clause'], kinds.map(([k, what]) => [what, code(fam.clauseOf(k))])),
    '',
    `Memory must also lie in RAM of the memory map (${code('dma.within-ram')}) and share no byte with a live allocation (${code('dma.no-overlap')}).`,
  ];
}
