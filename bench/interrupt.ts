import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median } from './measure';
import { buildDist } from './startup';

const ROOT = join(__dirname, '..');

export interface InterruptFigure {
  readonly signal: NodeJS.Signals;
  /** What was running when the signal came. */
  readonly during: string;
  /** Median time from the signal to the process's exit. */
  readonly seconds: number;
  readonly exitCodes: ReadonlyArray<number | null>;
}

/** Starts a long reference run, lets it get well into its properties, signals it, and times the end. */
const REFERENCE_RUN = ['--budget', '100', '--seed', '1'];
/** An allocator spinning in a synchronous endless loop inside d_alloc_dmamem, with a timeout that never comes. */
const LOOPING_RUN = ['--impl', 'fixtures/external/ts-broken/loops.ts', '--property', 'aix.placement', '--timeout', '600000'];

function once(signal: NodeJS.Signals, afterMs: number, run = REFERENCE_RUN): Promise<{ seconds: number; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'dmaconform.js'), ...run, '--reporter', 'json', '--out', '/dev/null'], { cwd: ROOT, stdio: 'ignore' });
    let sent = 0n;
    child.on('exit', (code) => resolve({ seconds: Number(process.hrtime.bigint() - sent) / 1e9, code }));
    setTimeout(() => {
      sent = process.hrtime.bigint();
      child.kill(signal);
    }, afterMs);
  });
}

export async function benchInterrupt(samples = 5): Promise<InterruptFigure[]> {
  buildDist();
  const figures: InterruptFigure[] = [];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const runs = [];
    for (let i = 0; i < samples; i++) runs.push(await once(signal, 1_000 + 300 * i));
    figures.push({ signal, during: 'a reference run', seconds: median(runs.map((r) => r.seconds)), exitCodes: runs.map((r) => r.code) });
    const spinning = [];
    // Long enough for the module to load and the call to start spinning.
    for (let i = 0; i < 3; i++) spinning.push(await once(signal, 4_000, LOOPING_RUN));
    figures.push({ signal, during: 'an endless loop in alloc', seconds: median(spinning.map((r) => r.seconds)), exitCodes: spinning.map((r) => r.code) });
  }
  return figures;
}
