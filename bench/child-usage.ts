import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildUsage {
  /** User + system CPU time of the whole process, Node's own start included. */
  readonly cpuSeconds: number;
  /** CPU time of the processes it started and waited for (Linux; 0 elsewhere). */
  readonly childCpuSeconds: number;
  /** Peak resident set size. */
  readonly maxRssMb: number;
  readonly wallSeconds: number;
  readonly exitCode: number | null;
  readonly stderr: string;
}

/*
 * A child's resource use, read from inside it: a preloaded script writes
 * its CPU time and peak memory to a file as the process exits. It is plain
 * JavaScript so that measuring adds nothing to compile. The peak is the
 * kernel's VmHWM of the process's own memory: getrusage's maxRSS carries
 * over the parent's size at fork, so a child of a large bench would report
 * the bench.
 */
const PROBE = `process.on('exit', () => {
  const fs = require('node:fs');
  const u = process.resourceUsage();
  const hwm = /VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  // cutime and cstime, in the clock ticks of 100 per second Linux reports them in.
  let children = 0;
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(stat[13]) + Number(stat[14])) / 100;
  } catch {}
  fs.writeFileSync(process.env.DMACONFORM_USAGE_FILE, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, children, rss: (hwm === null ? u.maxRSS : Number(hwm[1])) / 1024 }));
});
`;

/** Runs `node [script args]` in `cwd` and reports what the process used. */
export function measureChild(nodeArgs: ReadonlyArray<string>, cwd: string): ChildUsage {
  const dir = mkdtempSync(join(tmpdir(), 'dmaconform-usage-'));
  try {
    const probe = join(dir, 'probe.js');
    const usage = join(dir, 'usage.json');
    writeFileSync(probe, PROBE);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', probe, ...nodeArgs], { cwd, env: { ...process.env, DMACONFORM_USAGE_FILE: usage }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const u = JSON.parse(readFileSync(usage, 'utf8')) as { cpu: number; children: number; rss: number };
    return { cpuSeconds: u.cpu, childCpuSeconds: u.children, maxRssMb: u.rss, wallSeconds, exitCode: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
