import { benchInterrupt } from '../interrupt';
import type { AimResult, BenchSection } from './section';

const AIM_SECONDS = 0.5;
const EXPECTED_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export const interruptSection: BenchSection = {
  title: 'Interrupting a run mid-property (signal to exit, median of 5; of 3 for the endless loop)',
  run: async () => {
    const figures = await benchInterrupt();
    console.log('signal    during                     seconds   exit codes');
    for (const f of figures) console.log(`${f.signal.padEnd(9)} ${f.during.padEnd(25)} ${f.seconds.toFixed(3).padStart(8)}   ${f.exitCodes.join(' ')}`);
    return figures.map(
      (f): AimResult => ({
        aim: `${f.signal} ends ${f.during} within ${AIM_SECONDS} s with exit ${EXPECTED_EXIT[f.signal]}`,
        met: f.seconds <= AIM_SECONDS && f.exitCodes.every((c) => c === EXPECTED_EXIT[f.signal]),
        figure: `${f.seconds.toFixed(3)} s`,
      }),
    );
  },
};
