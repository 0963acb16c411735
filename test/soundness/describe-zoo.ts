import { afterAll, describe, expect, it } from 'vitest';
import { runZoo, zooTable, type ZooEntry, type ZooRun } from '../../bench/soak-zoo';

/** Seeds every member runs in CI at the default budget; bench/soak-zoo.ts goes further. */
export const CI_SEEDS: ReadonlyArray<number> = Array.from({ length: 20 }, (_, i) => i + 1);

/**
 * Every member must pass every MUST and SHOULD property of its families at
 * every seed; a property may be UNSUPPORTED only for a family it does not declare.
 */
export function describeZoo(title: string, members: ReadonlyArray<ZooEntry>, seeds: ReadonlyArray<number> = CI_SEEDS, timeoutMs = 120_000): void {
  const runs: ZooRun[] = [];
  describe(title, () => {
    afterAll(() => {
      console.log(`${title}: zoo × seeds (budget 1; ok = every property passed, Fn = n did not)\n${zooTable(runs)}`);
    });
    for (const m of members) {
      for (const seed of seeds) {
        it(`${m.file} passes every property at seed ${seed}`, async () => {
          const r = await runZoo(m.file, m.create, seed, 1, m.timing);
          runs.push(r);
          expect(r.problems, `${m.file} at seed ${seed}`).toEqual([]);
          expect(r.passed + r.unsupported).toBeGreaterThan(30);
          expect(r.passed).toBeGreaterThan(15);
        }, timeoutMs);
      }
    }
  });
}
