import { benchFullRuns, benchPropertyParity, parseSeeds } from '../core-parity';
import type { BenchSection } from './section';

const AIM_RATIO = 1.5;
const AIM_MB = 300;

/**
 * The reference and a user's core run behind one service layer, so a core
 * as simple as the walkthrough's costs what the reference costs. Seeds and
 * properties can be narrowed (DMACONFORM_BENCH_SEEDS=1-20,
 * DMACONFORM_BENCH_PROPERTIES=a,b) to measure a part quickly.
 */
export const coreParitySection: BenchSection = {
  title: 'A core behind the service layer against the reference: time and memory per property, peak memory of full runs',
  run: async () => {
    const only = process.env.DMACONFORM_BENCH_PROPERTIES?.split(',');
    const rows = benchPropertyParity(1, only);
    console.log('property'.padEnd(40), 'ref cpu s', 'core cpu s', 'ratio', 'ref MB', 'core MB', 'ratio');
    for (const r of rows) {
      const cells = [r.reference.cpuSeconds.toFixed(2), r.core.cpuSeconds.toFixed(2), r.cpuRatio.toFixed(2), r.reference.maxRssMb.toFixed(0), r.core.maxRssMb.toFixed(0), r.rssRatio.toFixed(2)];
      console.log(r.property.padEnd(40), ...cells.map((c) => c.padStart(9)));
    }
    const worst = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((w, r) => (pick(r) > pick(w) ? r : w), rows[0]!);
    const cpu = worst((r) => r.cpuRatio);
    const rss = worst((r) => r.rssRatio);
    const runs = benchFullRuns(parseSeeds(process.env.DMACONFORM_BENCH_SEEDS ?? '1-20'));
    const routes = [...new Set(runs.map((r) => r.route))];
    const aims = routes.map((route) => {
      const peak = runs.filter((r) => r.route === route).reduce((w, r) => (r.usage.maxRssMb > w.usage.maxRssMb ? r : w));
      console.log(`full run ${route}: peak RSS ${peak.usage.maxRssMb.toFixed(0)} MB (seed ${peak.seed})`);
      return { aim: `peak RSS of a full default run, ${route}, at most ${AIM_MB} MB`, met: peak.usage.maxRssMb <= AIM_MB, figure: `${peak.usage.maxRssMb.toFixed(0)} MB on seed ${peak.seed}` };
    });
    return [
      { aim: `--core first-fit.js cpu time within ${AIM_RATIO}x the reference's, every property`, met: cpu.cpuRatio <= AIM_RATIO, figure: `${cpu.cpuRatio.toFixed(2)}x worst (${cpu.property})` },
      { aim: `--core first-fit.js peak memory within ${AIM_RATIO}x the reference's, every property`, met: rss.rssRatio <= AIM_RATIO, figure: `${rss.rssRatio.toFixed(2)}x worst (${rss.property})` },
      ...aims,
    ];
  },
};
