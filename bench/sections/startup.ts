import { benchStartup } from '../startup';
import type { AimResult, BenchSection } from './section';

const AIM_SECONDS = 0.3;

export const startupSection: BenchSection = {
  title: 'Start-up (node bin/dmaconform.js, process CPU time, median of 9)',
  run: async () => {
    const figures = benchStartup();
    console.log('command                    cpu s   wall s   exit');
    for (const f of figures) console.log(`${f.label.padEnd(24)} ${f.cpuSeconds.toFixed(3).padStart(7)}  ${f.wallSeconds.toFixed(3).padStart(7)}   ${f.exitCode}`);
    const aims: AimResult[] = [];
    for (const f of figures.filter((x) => x.label === '--help' || x.label === 'usage error')) {
      aims.push({ aim: `${f.label} in under ${AIM_SECONDS} s of process CPU time`, met: f.cpuSeconds < AIM_SECONDS, figure: `${f.cpuSeconds.toFixed(3)} s` });
    }
    return aims;
  },
};
