import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { allProperties } from '../../properties';
import { runProperty } from '../../properties/runner/run-property';

/**
 * A failure names the clause actually broken. Each case is a mutant with
 * one fault, run through a property that checks several clauses: the
 * failure must name the one the fault breaks, not a neighbour that merely
 * noticed the consequence.
 */
const CASES: ReadonlyArray<{ mutant: string; property: string; seed: number; clause: string }> = [
  // Memory lost by proper releases is not the misuse's doing.
  { mutant: 'leaks-on-failure', property: 'physcontig.misuse', seed: 1, clause: 'dma.release-restores' },
  { mutant: 'leaks-on-failure', property: 'aix.misuse', seed: 2, clause: 'dma.release-restores' },
  // A leak seen while threads sleep is a leak, not a lost wake-up.
  { mutant: 'leaks-on-failure', property: 'physcontig.threads', seed: 3, clause: 'dma.release-restores' },
  { mutant: 'lost-wakeup', property: 'physcontig.sleep-several', seed: 1, clause: 'kmem_alloc_physcontig.km-sleep-wakeup' },
  { mutant: 'wakes-one-waiter', property: 'physreq.sleep-several', seed: 1, clause: 'kmem_alloc_physreq.km-sleep' },
  // A silently accepted double release shows as live memory handed out again: the release rule, not overlap.
  { mutant: 'silent-double-free', property: 'aix.misuse', seed: 1, clause: 'd_free_dmamem.exact-match' },
  // An allocator that overlaps on its own is not blamed on the misuse that happened to come next.
  { mutant: 'overlap-after-coalesce', property: 'physcontig.misuse', seed: 1, clause: 'dma.no-overlap' },
  { mutant: 'misuse-not-harmless', property: 'physreq.misuse', seed: 1, clause: 'dma.misuse-harmless' },
  { mutant: 'wrong-size-free-accepted', property: 'phys.misuse', seed: 1, clause: 'kmem_free.exact-match' },
];

describe('blame', () => {
  for (const c of CASES) {
    it(`${c.mutant} in ${c.property} is blamed on ${c.clause}`, async () => {
      const m = MUTANTS.find((x) => x.info.name === c.mutant)!;
      const p = allProperties().find((x) => x.name === c.property)!;
      const r = await runProperty(p, m.create(), { seed: c.seed });
      expect(r.status).toBe('FAIL');
      expect(r.failure!.clause).toBe(c.clause);
      expect(m.info.breaks).toContain(c.clause);
    }, 60_000);
  }
});
