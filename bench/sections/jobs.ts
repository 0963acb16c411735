import { DEFAULT_JOBS, benchJobs, type GateFigure } from '../jobs';
import type { AimResult, BenchSection } from './section';

const JOBS_AIM = 0.6;
const EXEC_AIM = 1.5;

const at = (figures: ReadonlyArray<GateFigure>, label: string, jobs: number, budget = 1) =>
  figures.find((f) => f.label === label && f.jobs === jobs && f.budget === budget)!;

/**
 * The least ratio --jobs N can reach on this machine, from --jobs 1 alone, by two bounds:
 * - CPU: what --jobs 1 already keeps busy (V8 compiles and collects on threads of its own) is not there for more
 *   jobs to use, so its CPU time spread over every core, with no cost at all for the extra jobs, is a floor;
 * - warm-up: doubling the runs adds the runs' own time once more; the rest of the gate (start-up, and V8 compiling
 *   the suite while its code is still cold) every job pays in full, since threads share no compiled code.
 */
function floors(one: GateFigure, twice: GateFigure, jobs: number) {
  const runs = Math.min(one.seconds, Math.max(0, twice.seconds - one.seconds));
  const fixed = one.seconds - runs;
  return { cpu: one.cpuSeconds / jobs / one.seconds, warm: (fixed + runs / jobs) / one.seconds, fixed };
}

export const jobsSection: BenchSection = {
  title: `The gate, seed 1, at --jobs 1 and at the default --jobs ${DEFAULT_JOBS}, and at --jobs 1 with --budget 2 (wall time, start-up included)`,
  run: async () => {
    const figures = benchJobs();
    // Cores busy is the CPU time (harness and the processes it started) over the wall time.
    console.log(`source                 jobs  budget   wall s   cpu s   cores busy (of ${DEFAULT_JOBS})   exit`);
    for (const f of figures) {
      console.log(
        `${f.label.padEnd(22)} ${String(f.jobs).padStart(4)}  ${String(f.budget).padStart(6)}  ${f.seconds.toFixed(2).padStart(7)} ${f.cpuSeconds.toFixed(2).padStart(7)}   ${(f.cpuSeconds / f.seconds).toFixed(2).padStart(10)}              ${f.exitCode}`,
      );
    }
    const aims: AimResult[] = [];
    for (const label of ['reference', '--core first-fit.ts', '--exec C fixture']) {
      const one = at(figures, label, 1);
      const ratio = at(figures, label, DEFAULT_JOBS).seconds / one.seconds;
      const f = floors(one, at(figures, label, 1, 2), DEFAULT_JOBS);
      aims.push({
        aim: `${label}: the gate at --jobs ${DEFAULT_JOBS} takes <= ${JOBS_AIM}x its wall time at --jobs 1`,
        met: ratio <= JOBS_AIM,
        figure:
          `${ratio.toFixed(2)}x; the least this machine allows is ${Math.max(f.cpu, f.warm).toFixed(2)}x ` +
          `(CPU time of --jobs 1 over ${DEFAULT_JOBS} cores: ${f.cpu.toFixed(2)}x; ${f.fixed.toFixed(2)} s of its ${one.seconds.toFixed(2)} s is start-up and warm-up, paid by every job: ${f.warm.toFixed(2)}x)`,
      });
    }
    const exec = at(figures, '--exec C fixture', 1).seconds / at(figures, 'reference', 1).seconds;
    aims.push({ aim: `--exec of the C fixture at --jobs 1 takes <= ${EXEC_AIM}x the reference's in-process gate`, met: exec <= EXEC_AIM, figure: `${exec.toFixed(2)}x` });
    const failed = figures.filter((f) => f.exitCode !== 0);
    aims.push({
      aim: 'every gate conforms (exit 0)',
      met: failed.length === 0,
      figure: failed.length === 0 ? 'all 0' : failed.map((f) => `${f.label} --jobs ${f.jobs} --budget ${f.budget}: ${f.exitCode}`).join(', '),
    });
    return aims;
  },
};
