import { benchFrames, printFrameBench } from '../frames';
import type { BenchSection } from './section';

export const frameSection: BenchSection = {
  title: 'Page-frame allocator (impl/frames)',
  run: async () => {
    printFrameBench(benchFrames());
  },
};
