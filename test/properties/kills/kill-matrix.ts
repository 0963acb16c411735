import { afterAll, describe, expect, it } from 'vitest';
import { MUTANTS } from '../../../fixtures/mutants';
import { allProperties } from '../../../properties';
import { propertySeed } from '../../../properties/runner/property-seed';
import { runProperty } from '../../../properties/runner/run-property';
import { findClause } from '../../../spec/clauses';

/**
 * Mutants whose fault only a property this suite does not have yet can
 * show (several sleepers satisfied by one release). They are listed, not
 * skipped: the matrix checks they do survive, so the entry goes the day a
 * property catches them.
 */
export const NOT_YET_CAUGHT: ReadonlySet<string> = new Set<string>();

/**
 * Every mutant must be caught, at the default budget and on the given
 * seed, by a property that names a clause the mutant breaks. A mutant that
 * breaks a MUST clause must fail the gate: a verdict at MUST strength. One
 * that breaks only SHOULD clauses may be caught by a SHOULD verdict (what
 * --strict rejects). The
 * first such property stops the search. One file per seed lets vitest run
 * seeds side by side.
 */
export function describeKillMatrix(seed: number): void {
  const rows: string[] = [];

  describe(`kill matrix, seed ${seed}`, () => {
    for (const { info, create } of MUTANTS) {
      it(`${info.name} is killed by a clause it breaks`, async () => {
        const tried: string[] = [];
        let killer: string | undefined;
        const mustKill = info.breaks.some((c) => findClause(c)?.strength === 'MUST');
        for (const p of allProperties().filter((q) => q.clauses.some((c) => info.breaks.includes(c)))) {
          // The seed each property gets from `dmaconform --seed <seed>`.
          const r = await runProperty(p, create(), { seed: propertySeed(seed, p.name) });
          if (r.status === 'PASS' || r.status === 'UNSUPPORTED') continue;
          tried.push(`${p.name}: ${r.status} ${r.failure?.clause ?? ''}`);
          if (r.failure?.clause !== undefined && info.breaks.includes(r.failure.clause) && (!mustKill || r.strength === 'MUST')) {
            killer = `${p.name} [${r.failure.clause}] after ${r.failure.runsToFailure} run(s), trace of ${r.failure.trace.length} line(s)`;
            break;
          }
        }
        rows.push(`${info.name.padEnd(32)} ${killer ?? 'SURVIVED'}`);
        if (NOT_YET_CAUGHT.has(info.name)) expect(killer, `${info.name} is caught now: take it off NOT_YET_CAUGHT`).toBeUndefined();
        else expect(killer, `${info.name} survived seed ${seed}; other failures: ${tried.join('; ')}`).toBeDefined();
      }, 60_000);
    }

    afterAll(() => {
      console.log(`kill matrix (seed ${seed}):\n${rows.join('\n')}`);
    });
  });
}
