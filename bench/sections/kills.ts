import { benchKills, printKills } from '../kill';
import type { BenchSection } from './section';

export const killSection: BenchSection = {
  title: 'Mutant kills (fixtures/mutants, default budget, seed 1)',
  run: async () => {
    const rows = await benchKills();
    const { killed, medianMs } = printKills(rows);
    return [
      { aim: 'every mutant killed', met: killed === rows.length, figure: `${killed}/${rows.length}` },
      { aim: 'median time to kill under 200 ms', met: medianMs < 200, figure: `${medianMs.toFixed(0)} ms` },
    ];
  },
};
