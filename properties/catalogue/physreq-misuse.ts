import fc from 'fast-check';
import { KM_SLEEP } from '../../spec/constants/svr5';
import type { PhysreqFields } from '../../spec/constraints/types';
import { badPhysreqArb, physreqArb } from '../arbitraries/physreq';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { checkRestored, measureCapacity } from '../engine/capacity';
import { KEPT, allocateBeforeFree, checkKeptAfterFree } from './physreq-free-keeps';
import { madeUpId } from '../engine/made-up';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

type Abuse = 'never-prepped' | 'changed-after-prep' | 'freed' | 'made-up' | 'refused-prep';

interface Input {
  readonly gen: GeneratedMap;
  readonly fields: PhysreqFields;
  readonly bad: PhysreqFields;
  readonly abuse: Abuse;
}

const CLAUSE: Record<Abuse, (service: string) => string> = {
  'never-prepped': (s) => (s === 'kmem_alloc_physcontig' ? 'kmem_alloc_physcontig.physreq-prepped' : 'physreq_prep.before-use'),
  'changed-after-prep': () => 'physreq_prep.no-change-after-prep',
  freed: () => 'physreq.from-physreq_alloc',
  'made-up': () => 'physreq.from-physreq_alloc',
  'refused-prep': () => 'physreq_prep.rejects-unsupportable',
};

/** Makes a physreq in the abused state; returns its id, or null when the implementation refused to let it get there. */
async function abused(s: Session<PhysreqFields>, abuse: Abuse, fields: PhysreqFields, bad: PhysreqFields): Promise<number | null> {
  const d = s.d;
  if (abuse === 'made-up') return madeUpId(d.issued);
  const a = await d.call<number | null>('physreq_alloc', 'user', [KM_SLEEP]);
  if (a.kind !== 'value' || typeof a.value !== 'number') fail('physreq.from-physreq_alloc', 'physreq_alloc(KM_SLEEP) from user context gave no physreq');
  const id = a.value;
  await d.call('physreq_set', 'user', [id, abuse === 'refused-prep' ? bad : fields]);
  if (abuse === 'never-prepped') return id;
  const p = await d.call<boolean>('physreq_prep', 'user', [id, KM_SLEEP]);
  if (abuse === 'refused-prep') {
    if (p.kind === 'value' && p.value === true) fail(bad.phys_align & (bad.phys_align - 1n) ? 'physreq.align-power-of-two' : 'physreq.boundary-power-of-two', 'physreq_prep accepted fields it must refuse');
    return id;
  }
  if (abuse === 'freed') {
    // Freed with memory allocated through it still live: the common way a driver frees a physreq.
    if (p.kind === 'value' && p.value === true) await allocateBeforeFree(s, id, 0, s.pageBytes);
    const f = await d.call('physreq_free', 'user', [id]);
    if (f.kind === 'pending') fail('physreq_free.no-sleep', 'physreq_free is waiting');
    await checkKeptAfterFree(s, 0, s.pageBytes);
  }
  if (abuse === 'changed-after-prep') {
    // A store refused as a violation changed nothing (docs/protocol.md): the physreq is still prepped and usable.
    const set = await d.call('physreq_set', 'user', [id, { phys_align: fields.phys_align * 2n }]);
    if (set.kind === 'violation') return null;
  }
  return id;
}

/**
 * Allocating through a physreq that was never prepped, changed since its
 * prep, freed, made up, or refused by physreq_prep yields no memory (NULL or
 * a reported violation) and changes nothing. Freeing a physreq leaves the
 * memory allocated through it alone.
 */
export function physreqMisuseProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<Input> {
  const abuses: Abuse[] = ['never-prepped', 'changed-after-prep', 'freed', 'made-up', 'refused-prep'];
  return {
    name: `${fam.name}.physreq-misuse`,
    clauses: [...new Set(abuses.map((a) => CLAUSE[a](fam.allocService))), 'physreq.align-power-of-two', 'physreq.boundary-power-of-two', KEPT, 'physreq_free.no-sleep', 'dma.misuse-harmless'],
    families: [fam.family],
    strength: 'MUST',
    runs: 50,
    arbitrary: () =>
      fc.record({
        gen: memoryMapArb(),
        fields: physreqArb.map((f) => ({ ...f, phys_dmasize: 64, phys_boundary: 0n })),
        bad: badPhysreqArb,
        abuse: fc.constantFrom(...abuses),
      }),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, [input.fields]);
      await s.boot();
      const boot = await measureCapacity(s);
      const id = await abused(s, input.abuse, input.fields, input.bad);
      if (id === null) return;
      const o = await fam.allocate(d, id, input.fields, s.pageBytes, false);
      if (o.kind === 'pending') fail(CLAUSE[input.abuse](fam.allocService), 'the request through an unusable physreq is waiting');
      if (o.kind === 'value' && o.value !== null) fail(CLAUSE[input.abuse](fam.allocService), `memory came back through a physreq that is ${input.abuse}`);
      await checkRestored(s, boot, 'dma.misuse-harmless');
    },
  };
}
