import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { KM_SLEEP } from '../../spec/constants/svr5';
import { defaultPhysreq } from '../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../spec/constraints/types';
import { isAligned } from '../../spec/predicates/placement';
import type { RamRanges } from '../../spec/predicates/ram-ranges';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import type { Driver } from '../harness/driver';
import { segmentsOf } from '../families/observe';
import { describePhysreq, preparePhysreq } from '../families/physreq-common';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

interface Input {
  readonly gen: GeneratedMap;
  readonly alignExp: number;
}

async function freshPhysreq(d: Driver): Promise<number> {
  const a = await d.call<number | null>('physreq_alloc', 'user', [KM_SLEEP]);
  if (a.kind !== 'value' || typeof a.value !== 'number') fail('physreq_alloc.defaults', 'physreq_alloc(KM_SLEEP) from user context gave no physreq');
  return a.value;
}

/**
 * Whether some RAM of the map holds a whole page at a multiple of `align`
 * (and of the page size): the least any request through a physreq asking
 * only for that alignment needs. With none, the constraints cannot be
 * supported on this system, and physreq_prep may say so with B_FALSE.
 */
function someRamMeets(ram: RamRanges, align: bigint, pageBytes: bigint): boolean {
  const step = align > pageBytes ? align : pageBytes;
  return ram.list().some((r) => r.type === 'ram' && ((r.base + step - 1n) / step) * step + pageBytes <= r.end);
}

/** Preps; true when prep accepted, false when it refused fields no RAM of this map can meet (allowed). */
async function prep(d: Driver, id: number, clause: string, align: bigint, s: Session<PhysreqFields>): Promise<boolean> {
  const p = await d.call<boolean>('physreq_prep', 'user', [id, KM_SLEEP]);
  if (p.kind === 'value' && p.value === true) return true;
  if (p.kind === 'value' && p.value === false && !someRamMeets(s.ram, align, s.pageBytes)) return false;
  fail(clause, `physreq_prep of fields some RAM of this map can meet (phys_align ${hex(align)}) did not return B_TRUE`);
}

/**
 * A NULL through a default physreq is no verdict by itself: headers may
 * not fit beside a page in a tiny map, and an identity-mapped allocator
 * cannot return physical page 0 (its address is NULL). Defaults that ask
 * for nothing behave as fields set to ask for nothing, so the same request
 * through such fields must fail too.
 */
async function sameAsAskingForNothing(d: Driver, fam: FamilyAdapter<PhysreqFields>, size: bigint): Promise<void> {
  const nothing = { ...defaultPhysreq(), phys_dmasize: 64 };
  const id = await preparePhysreq(d, nothing);
  if (id === null) fail('physreq_alloc.defaults', `physreq_prep refused fields that ask for nothing (${describePhysreq(nothing)})`);
  const o = await fam.allocate(d, id, nothing, size, false);
  if (o.kind === 'value' && o.value !== null) {
    fail('physreq_alloc.defaults', `a one-page request through a default physreq failed on a fresh allocator, yet through fields set to ask for nothing (${describePhysreq(nothing)}) it succeeded`);
  }
}

/**
 * A physreq straight from physreq_alloc asks for nothing, so on a fresh
 * allocator a one-page request through it succeeds wherever RAM lies (even
 * only above 4 GiB) whenever one through fields that ask for nothing does; and physreq_prep may be repeated after the fields
 * change, the new fields then ruling.
 */
export function physreqLifecycleProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<Input> {
  return {
    name: `${fam.name}.physreq-lifecycle`,
    clauses: ['physreq_alloc.defaults', 'physreq_prep.repeatable'],
    families: [fam.family],
    strength: 'MUST',
    runs: 30,
    arbitrary: () => fc.record({ gen: memoryMapArb(), alignExp: fc.integer({ min: 13, max: 20 }) }),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, []);
      await s.boot();
      const id = await freshPhysreq(d);
      if (!(await prep(d, id, 'physreq_alloc.defaults', 1n, s))) return;
      const dflt = await fam.allocate(d, id, defaultPhysreq(), s.pageBytes, false);
      if (dflt.kind !== 'value') fail('physreq_alloc.defaults', `a one-page request through a default physreq on a fresh allocator ${dflt.kind === 'violation' ? `was reported (${dflt.clause})` : 'is waiting'}`);
      if (dflt.value === null) await sameAsAskingForNothing(d, fam, s.pageBytes);
      else await fam.release(d, id, dflt.value, s.pageBytes);

      const wanted = 1n << BigInt(input.alignExp);
      const set = await d.call('physreq_set', 'user', [id, { phys_align: wanted }]);
      // A store after prep may be refused (physreq_prep.no-change-after-prep): the physreq keeps its fields, and prep is repeated on it unchanged.
      const align = set.kind === 'violation' ? 1n : wanted;
      if (!(await prep(d, id, 'physreq_prep.repeatable', align, s))) return;
      const o = await fam.allocate(d, id, { ...defaultPhysreq(), phys_align: align }, s.pageBytes, false);
      if (o.kind === 'violation') fail('physreq_prep.repeatable', `a request through a re-prepped physreq was reported (${o.clause})`);
      if (o.kind !== 'value' || o.value === null) return;
      const segs = await segmentsOf(d, o.value, s.pageBytes, 'physreq_prep.repeatable');
      if (!isAligned(segs[0]!.phys, align)) fail('physreq_prep.repeatable', `after re-prepping with phys_align ${hex(align)}, memory starts at ${hex(segs[0]!.phys)}`);
      await fam.release(d, id, o.value, s.pageBytes);
    },
  };
}
