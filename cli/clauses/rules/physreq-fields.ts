import { DMASIZE_VALUES, PREQ_PHYSCONTIG } from '../../../spec/constants/svr5';
import { constraintsFromPhysreq, defaultPhysreq, physreqProblem, type PhysreqService } from '../../../spec/constraints/from-physreq';
import type { DmaConstraints, PhysreqFields } from '../../../spec/constraints/types';
import { hex } from '../../../spec/address/u64';
import { alignmentText, boundaryText, contiguityText, limitText, segmentsText } from './constraint-text';
import { code, mdTable } from './markdown';

const SERVICES: ReadonlyArray<PhysreqService> = ['kmem_alloc_physcontig', 'kmem_alloc_physreq', 'kmem_alloc_phys'];

interface FieldRow {
  readonly field: keyof PhysreqFields;
  /** Values worth showing: the default first. */
  readonly values: ReadonlyArray<PhysreqFields[keyof PhysreqFields]>;
  /** One value physreq_prep must refuse, to name the clause. */
  readonly bad: PhysreqFields[keyof PhysreqFields];
  readonly effect: (c: DmaConstraints) => string;
}

const FIELDS: ReadonlyArray<FieldRow> = [
  { field: 'phys_align', values: [1n, 0x1000n], bad: 3n, effect: alignmentText },
  { field: 'phys_boundary', values: [0n, 0x10000n], bad: 0x3000n, effect: boundaryText },
  { field: 'phys_dmasize', values: DMASIZE_VALUES, bad: 16, effect: limitText },
  { field: 'phys_max_scgth', values: [0, 1, 4], bad: -1, effect: segmentsText },
  { field: 'phys_flags', values: [0, PREQ_PHYSCONTIG], bad: 0x80, effect: contiguityText },
];

const show = (v: bigint | number) => (typeof v === 'bigint' ? hex(v) : String(v));

/**
 * physreq(D4) field by field: the default physreq_alloc leaves, what each
 * value comes to for each allocation service (computed through the
 * constraint model), and the clause for a value physreq_prep must refuse.
 */
export function physreqSection(): string[] {
  const d = defaultPhysreq();
  const rows: string[][] = [];
  for (const f of FIELDS) {
    for (const v of f.values) {
      const fields = { ...d, [f.field]: v } as PhysreqFields;
      rows.push([
        code(f.field),
        show(v) + (v === d[f.field] ? ' (default)' : ''),
        ...SERVICES.map((s) => f.effect(constraintsFromPhysreq(fields, s))),
      ]);
    }
    const problem = physreqProblem({ ...d, [f.field]: f.bad } as PhysreqFields);
    rows.push([code(f.field), `${show(f.bad)} (invalid)`, ...SERVICES.map(() => (problem === null ? 'accepted' : `prep refuses: ${code(problem.clause)}`))]);
  }
  return [
    '## physreq fields',
    '',
    `physreq_alloc returns ${Object.entries(d).map(([k, v]) => `${k} = ${show(v as bigint | number)}`).join(', ')}. ` +
      'Each row sets one field and leaves the others at their defaults; the cells say what the allocation services then require of the memory.',
    '',
    ...mdTable(['Field', 'Value', ...SERVICES], rows),
    '',
  ];
}
