import { afterAll, describe, expect, it } from 'vitest';
import { ALL_MEMBERS, runZoo, zooTable, type ZooEntry, type ZooRun } from '../../bench/soak-zoo';
import { DEEP } from '../setup/depth';

/**
 * Seeds 1-20 in four groups of five: in CI each member takes one group,
 * by its place in the zoo, so every one of the twenty seeds runs on a
 * quarter of the zoo every time and the whole zoo × twenty seeds stays
 * within CI's time. `npm run soak` runs every member on all twenty, and on
 * seeds 1-3 at budget 5.
 */
export function ciSeeds(member: string): number[] {
  const i = ALL_MEMBERS.findIndex((m) => m.file === member);
  if (i < 0) throw new Error(`ciSeeds: ${member} is not in the zoo`);
  const group = i % 4;
  return [1, 2, 3, 4, 5].map((k) => group * 5 + k);
}

/** npm test's share of each property's runs for a zoo member. */
const QUICK_BUDGET = 0.35;

export function describeZoo(title: string, members: ReadonlyArray<ZooEntry>, timeoutMs = 120_000): void {
  const runs: ZooRun[] = [];
  describe(title, () => {
    afterAll(() => {
      console.log(`${title}: zoo × seeds (budget ${DEEP ? 1 : QUICK_BUDGET}; ok = every property passed, Fn = n did not)\n${zooTable(runs)}`);
    });
    for (const m of members) {
      // npm test: every property once, at a third of its runs, on the first seed of the member's group; test:deep all five at full budget.
      const seeds = DEEP ? ciSeeds(m.file) : ciSeeds(m.file).slice(0, 1);
      const budget = DEEP ? 1 : QUICK_BUDGET;
      for (const seed of seeds) {
        it(`${m.file} passes every property at seed ${seed}, budget ${budget}`, async () => {
          const r = await runZoo(m.file, m.create, seed, budget, m.timing);
          runs.push(r);
          expect(r.problems, `${m.file} at seed ${seed}`).toEqual([]);
          expect(r.passed + r.unsupported).toBeGreaterThan(30);
          expect(r.passed).toBeGreaterThan(15);
        }, timeoutMs);
      }
    }
  });
}
