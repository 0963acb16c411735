import { DEFAULT_JOBS, benchJobs, type GateFigure } from '../jobs';
import type { AimResult, BenchSection } from './section';

const JOBS_AIM = 0.6;
const EXEC_AIM = 1.5;

const at = (figures: ReadonlyArray<GateFigure>, label: string, jobs: number) => figures.find((f) => f.label === label && f.jobs === jobs)!;

export const jobsSection: BenchSection = {
  title: `The default gate, seed 1, at --jobs 1 and at the default --jobs ${DEFAULT_JOBS} (wall time, start-up included)`,
  run: async () => {
    const figures = benchJobs();
    // Cores busy is the CPU time (harness and the processes it started) over the wall time. What --jobs 1 already
    // keeps busy (V8 compiles and collects on threads of its own) is not there for more jobs to use: its CPU time
    // spread over every core, with no cost at all for the extra jobs, is the least wall time more jobs can reach.
    console.log(`source                 jobs   wall s   cpu s   cores busy (of ${DEFAULT_JOBS})   exit`);
    for (const f of figures) {
      console.log(`${f.label.padEnd(22)} ${String(f.jobs).padStart(4)}  ${f.seconds.toFixed(2).padStart(7)} ${f.cpuSeconds.toFixed(2).padStart(7)}   ${(f.cpuSeconds / f.seconds).toFixed(2).padStart(10)}              ${f.exitCode}`);
    }
    const aims: AimResult[] = [];
    for (const label of ['reference', '--core first-fit.ts', '--exec C fixture']) {
      const one = at(figures, label, 1);
      const ratio = at(figures, label, DEFAULT_JOBS).seconds / one.seconds;
      const floor = one.cpuSeconds / DEFAULT_JOBS / one.seconds;
      aims.push({
        aim: `${label}: the gate at --jobs ${DEFAULT_JOBS} takes <= ${JOBS_AIM}x its wall time at --jobs 1`,
        met: ratio <= JOBS_AIM,
        figure: `${ratio.toFixed(2)}x (the least this machine allows, given the CPU time of --jobs 1: ${floor.toFixed(2)}x)`,
      });
    }
    const exec = at(figures, '--exec C fixture', 1).seconds / at(figures, 'reference', 1).seconds;
    aims.push({ aim: `--exec of the C fixture at --jobs 1 takes <= ${EXEC_AIM}x the reference's in-process gate`, met: exec <= EXEC_AIM, figure: `${exec.toFixed(2)}x` });
    const failed = figures.filter((f) => f.exitCode !== 0);
    aims.push({ aim: 'every gate conforms (exit 0)', met: failed.length === 0, figure: failed.length === 0 ? 'all 0' : failed.map((f) => `${f.label} --jobs ${f.jobs}: ${f.exitCode}`).join(', ') });
    return aims;
  },
};
