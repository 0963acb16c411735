import { benchFlood } from '../flood';
import type { BenchSection } from './section';

const AIM_MB = 300;

export const floodSection: BenchSection = {
  title: 'Harness memory under a flooding --exec implementation (100 MB to stdout and stderr per property)',
  run: async () => {
    const f = benchFlood();
    console.log(`properties ${f.properties}: BROKEN ${f.broken}, UNSUPPORTED ${f.unsupported} (families it does not declare); exit ${f.exitCode}`);
    console.log(`peak RSS ${f.maxRssMb.toFixed(0)} MB, cpu ${f.cpuSeconds.toFixed(1)} s, wall ${f.wallSeconds.toFixed(1)} s`);
    return [
      { aim: `peak harness memory under a flooding implementation at most ${AIM_MB} MB`, met: f.maxRssMb <= AIM_MB, figure: `${f.maxRssMb.toFixed(0)} MB` },
      { aim: 'every property a flooding implementation supports is BROKEN', met: f.broken > 0 && f.broken + f.unsupported === f.properties, figure: `${f.broken} of ${f.properties - f.unsupported}` },
    ];
  },
};
