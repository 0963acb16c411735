import { benchKills, KILL_SEEDS, printKills, printKillsPerSeed, type KillRow } from '../kill';
import type { BenchSection } from './section';

export const killSection: BenchSection = {
  title: `Mutant kills (fixtures/mutants, default budget, seeds ${KILL_SEEDS.join(', ')})`,
  run: async () => {
    const bySeed: KillRow[][] = [];
    for (const seed of KILL_SEEDS) bySeed.push(await benchKills(seed));
    const { medianMs } = printKills(bySeed[0]!);
    const { killedEverywhere, total } = printKillsPerSeed(bySeed);
    return [
      { aim: `every mutant killed on every seed (${KILL_SEEDS.join(', ')})`, met: killedEverywhere === total, figure: `${killedEverywhere}/${total}` },
      { aim: 'median time to kill under 200 ms (seed 1)', met: medianMs < 200, figure: `${medianMs.toFixed(0)} ms` },
    ];
  },
};
