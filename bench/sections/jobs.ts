import { DEFAULT_JOBS, benchJobs, type GateFigure } from '../jobs';
import type { AimResult, BenchSection } from './section';

const JOBS_AIM = 0.6;
const EXEC_AIM = 1.5;

const wall = (figures: ReadonlyArray<GateFigure>, label: string, jobs: number) => figures.find((f) => f.label === label && f.jobs === jobs)!.seconds;

export const jobsSection: BenchSection = {
  title: `The default gate, seed 1, at --jobs 1 and at the default --jobs ${DEFAULT_JOBS} (wall time, start-up included)`,
  run: async () => {
    const figures = benchJobs();
    // Cores busy is the harness's CPU time over its wall time: a run that keeps the machine's cores busy at --jobs 1
    // (V8 compiles and collects on threads of its own) has little left for more jobs to use.
    console.log(`source                 jobs   wall s   cpu s   cores busy (of ${DEFAULT_JOBS})   exit`);
    for (const f of figures) {
      console.log(`${f.label.padEnd(22)} ${String(f.jobs).padStart(4)}  ${f.seconds.toFixed(2).padStart(7)} ${f.cpuSeconds.toFixed(2).padStart(7)}   ${(f.cpuSeconds / f.seconds).toFixed(2).padStart(10)}              ${f.exitCode}`);
    }
    const aims: AimResult[] = [];
    for (const label of ['reference', '--core first-fit.ts', '--exec C fixture']) {
      const ratio = wall(figures, label, DEFAULT_JOBS) / wall(figures, label, 1);
      aims.push({ aim: `${label}: the gate at --jobs ${DEFAULT_JOBS} takes <= ${JOBS_AIM}x its wall time at --jobs 1`, met: ratio <= JOBS_AIM, figure: `${ratio.toFixed(2)}x` });
    }
    const exec = wall(figures, '--exec C fixture', 1) / wall(figures, 'reference', 1);
    aims.push({ aim: `--exec of the C fixture at --jobs 1 takes <= ${EXEC_AIM}x the reference's in-process gate`, met: exec <= EXEC_AIM, figure: `${exec.toFixed(2)}x` });
    const failed = figures.filter((f) => f.exitCode !== 0);
    aims.push({ aim: 'every gate conforms (exit 0)', met: failed.length === 0, figure: failed.length === 0 ? 'all 0' : failed.map((f) => `${f.label} --jobs ${f.jobs}: ${f.exitCode}`).join(', ') });
    return aims;
  },
};
