import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { measureChild } from './child-usage';
import { median } from './measure';

const ROOT = join(__dirname, '..');

export interface StartupFigure {
  readonly label: string;
  readonly argv: ReadonlyArray<string>;
  /** Median over the samples of the whole process's user + system CPU time, Node's own start included. */
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly exitCode: number | null;
}

export const STARTUP_CASES: ReadonlyArray<{ label: string; argv: string[] }> = [
  { label: '--help', argv: ['--help'] },
  { label: 'usage error', argv: ['--runs', 'many'] },
  { label: '--version', argv: ['--version'] },
  { label: 'bare node (for scale)', argv: [] },
];

/** Builds dist/ so that what is measured is current. */
export function buildDist(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
}

/** Measures bin/dmaconform.js as a user starts it. */
export function benchStartup(samples = 9): StartupFigure[] {
  buildDist();
  return STARTUP_CASES.map(({ label, argv }) => {
    const script = argv.length === 0 ? ['-e', '0'] : [join(ROOT, 'bin', 'dmaconform.js'), ...argv];
    const runs = Array.from({ length: samples }, () => measureChild(script, ROOT));
    return { label, argv, cpuSeconds: median(runs.map((r) => r.cpuSeconds)), wallSeconds: median(runs.map((r) => r.wallSeconds)), exitCode: runs[0]!.exitCode };
  });
}
