import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/*
 * CPU time of a child process, read from inside it: a preloaded script
 * writes process.cpuUsage() to a file as the process exits. It is plain
 * JavaScript so that measuring adds nothing to compile.
 */
const PROBE = `process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(process.env.DMACONFORM_CPU_FILE, String((u.user + u.system) / 1e6)); });\n`;

/** Measures bin/dmaconform.js as a user starts it; builds dist/ first so that the build measured is current. */
export function benchStartup(samples = 9): StartupFigure[] {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'dmaconform-startup-'));
  const probe = join(dir, 'probe.js');
  const cpuFile = join(dir, 'cpu');
  writeFileSync(probe, PROBE);
  try {
    return STARTUP_CASES.map(({ label, argv }) => {
      const cpu: number[] = [];
      const wall: number[] = [];
      let exitCode: number | null = null;
      const script = argv.length === 0 ? ['-e', '0'] : [join(ROOT, 'bin', 'dmaconform.js'), ...argv];
      for (let i = 0; i < samples; i++) {
        const t0 = process.hrtime.bigint();
        const r = spawnSync(process.execPath, ['--require', probe, ...script], { cwd: ROOT, env: { ...process.env, DMACONFORM_CPU_FILE: cpuFile }, encoding: 'utf8' });
        wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
        exitCode = r.status;
        cpu.push(Number(readFileSync(cpuFile, 'utf8')));
      }
      return { label, argv, cpuSeconds: median(cpu), wallSeconds: median(wall), exitCode };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
