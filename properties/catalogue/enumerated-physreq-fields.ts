import { hex } from '../../spec/address/u64';
import { PREQ_PHYSCONTIG } from '../../spec/constants/svr5';
import { physreqProblem } from '../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../spec/constraints/types';
import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import { Session } from '../engine/session';
import { describePhysreq } from '../families/physreq-common';
import type { FamilyAdapter } from '../families/types';
import { fail } from '../harness/failures';
import type { ConformanceProperty } from '../types';
import { constraintClauses } from './clauses-of';
import { enumeratedProperty, type Case } from './enumerated';

const PAGE = 4096n;
const MB = 1n << 20n;
const TOP_BIT = 1n << 63n;

/** Refusals the documents demand of physreq_prep; other odd values may be accepted or refused. */
const MUST_REFUSE = ['physreq.align-power-of-two', 'physreq.boundary-power-of-two'];

type Variation = Partial<PhysreqFields>;

/** Each field's value classes: valid, zero, not a power of two, out of range. */
const CLASSES: ReadonlyArray<readonly [string, Variation]> = [
  ['phys_align 1', { phys_align: 1n }],
  ['phys_align one page', { phys_align: PAGE }],
  ['phys_align two pages', { phys_align: 2n * PAGE }],
  ['phys_align 1 MiB', { phys_align: MB }],
  ['phys_align 2^63', { phys_align: TOP_BIT }],
  ['phys_align 0', { phys_align: 0n }],
  ['phys_align 3', { phys_align: 3n }],
  ['phys_align three pages', { phys_align: 3n * PAGE }],
  ['phys_align 1 MiB + 1', { phys_align: MB + 1n }],
  ['phys_boundary 0', { phys_boundary: 0n }],
  ['phys_boundary 1', { phys_boundary: 1n }],
  ['phys_boundary one page', { phys_boundary: PAGE }],
  ['phys_boundary 1 MiB', { phys_boundary: MB }],
  ['phys_boundary 2^63', { phys_boundary: TOP_BIT }],
  ['phys_boundary 3', { phys_boundary: 3n }],
  ['phys_boundary three pages', { phys_boundary: 3n * PAGE }],
  ['phys_dmasize 0', { phys_dmasize: 0 }],
  ['phys_dmasize 24', { phys_dmasize: 24 }],
  ['phys_dmasize 32', { phys_dmasize: 32 }],
  ['phys_dmasize 64', { phys_dmasize: 64 }],
  ['phys_dmasize 16', { phys_dmasize: 16 }],
  ['phys_dmasize 65', { phys_dmasize: 65 }],
  ['phys_max_scgth 0', { phys_max_scgth: 0 }],
  ['phys_max_scgth 1', { phys_max_scgth: 1 }],
  ['phys_max_scgth 4', { phys_max_scgth: 4 }],
  ['phys_max_scgth -1', { phys_max_scgth: -1 }],
  ['phys_flags 0', { phys_flags: 0 }],
  ['phys_flags PREQ_PHYSCONTIG', { phys_flags: PREQ_PHYSCONTIG }],
  ['phys_flags 0x2', { phys_flags: 0x2 }],
  ['phys_flags 0x80000000', { phys_flags: 0x8000_0000 }],
];

/**
 * Every value class of every physreq field, one field varied at a time:
 * physreq_prep refuses what the documents say it must, and memory from an
 * accepted physreq meets its constraints.
 */
export function everyPhysreqFieldProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<null> {
  // kmem_alloc_phys needs a phys_dmasize, so its other cases keep one.
  const base: PhysreqFields = { ...fam.probeShape, phys_flags: 0, phys_dmasize: fam.allocService === 'kmem_alloc_phys' ? 64 : 0 };
  const cases: Case<PhysreqFields>[] = CLASSES.filter(([, v]) => !(fam.allocService === 'kmem_alloc_phys' && v.phys_dmasize === 0)).map(([label, v]) => ({
    label,
    input: { ...base, ...v },
  }));
  return enumeratedProperty({
    name: `${fam.name}.physreq-fields-each`,
    clauses: [...MUST_REFUSE, ...constraintClauses(fam), 'dma.within-ram', 'dma.data-integrity', ...fam.extraClauses],
    families: [fam.family],
    cases,
    async check(d, fields) {
      const problem = physreqProblem(fields);
      const s = new Session(d, fam, PLAIN_MAP, [fields]);
      await s.boot();
      const token = await s.token(0);
      if (problem !== null) {
        if (token !== null && MUST_REFUSE.includes(problem.clause)) fail(problem.clause, `physreq_prep accepted ${describePhysreq(fields)}: ${problem.reason}`);
        return;
      }
      if (token === null) return;
      for (const size of [PAGE, 2n * PAGE + 1n]) {
        const got = await s.allocate(0, size);
        if (got.kind !== 'memory') continue;
        await s.verifyContents();
        await s.release(got.live);
      }
      d.trace.add(`  (${describePhysreq(fields)}: judged at ${hex(PAGE)} and ${hex(2n * PAGE + 1n)} bytes)`);
    },
  });
}
