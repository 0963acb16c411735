import { afterAll, describe, expect, it } from 'vitest';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { runZoo, type ZooRun } from './zoo-run';

/** Seeds every member runs in CI at the default budget; `npm run soak` (bench/soak-zoo.ts) goes further. */
export const CI_SEEDS: ReadonlyArray<number> = Array.from({ length: 20 }, (_, i) => i + 1);

export interface ZooEntry {
  readonly file: string;
  readonly create: () => DmaImplementation | Promise<DmaImplementation>;
}

/** member × seed, one cell per run: "ok", or the number of properties that did not pass. */
export function zooTable(runs: ReadonlyArray<ZooRun>): string {
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const members = [...new Set(runs.map((r) => r.member))];
  const width = Math.max(6, ...members.map((m) => m.length));
  const cell = (r: ZooRun | undefined) => (r === undefined ? '-' : r.problems.length === 0 ? 'ok' : `F${r.problems.length}`).padStart(3);
  const lines = [`${'member'.padEnd(width)} ${seeds.map((s) => String(s).padStart(3)).join(' ')}`];
  for (const m of members) lines.push(`${m.padEnd(width)} ${seeds.map((s) => cell(runs.find((r) => r.member === m && r.seed === s))).join(' ')}`);
  return lines.join('\n');
}

/**
 * Every member must pass every MUST and SHOULD property of its families at
 * every seed; a property may be UNSUPPORTED only for a family it does not declare.
 */
export function describeZoo(title: string, members: ReadonlyArray<ZooEntry>, seeds: ReadonlyArray<number> = CI_SEEDS): void {
  const runs: ZooRun[] = [];
  describe(title, () => {
    afterAll(() => {
      console.log(`${title}: zoo × seeds (budget 1; Fn = n properties did not pass)\n${zooTable(runs)}`);
    });
    for (const m of members) {
      for (const seed of seeds) {
        it(`${m.file} passes every property at seed ${seed}`, async () => {
          const r = await runZoo(m.file, m.create, seed);
          runs.push(r);
          expect(r.problems, `${m.file} at seed ${seed}`).toEqual([]);
          expect(r.passed).toBeGreaterThan(30);
        });
      }
    }
  });
}
