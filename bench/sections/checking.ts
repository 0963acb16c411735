import { benchChecking, printChecking } from '../checking';
import type { BenchSection } from './section';

export const checkingSection: BenchSection = {
  title: "The suite's own checking cost per allocation, against the allocator's",
  run: async () => {
    const { flat, ratio } = printChecking(await benchChecking());
    return [
      { aim: 'checking cost flat from 10 to 100,000 live (at most 1.5x)', met: flat <= 1.5, figure: `${flat.toFixed(2)}x` },
      { aim: "checking cost at most 3x the allocator's own", met: ratio <= 3, figure: `${ratio.toFixed(2)}x` },
    ];
  },
};
