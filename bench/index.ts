import { checkingSection } from './sections/checking';
import { coreParitySection } from './sections/core-parity';
import { floodSection } from './sections/flood';
import { frameSection } from './sections/frames';
import { interruptSection } from './sections/interrupt';
import { jobsSection } from './sections/jobs';
import { killSection } from './sections/kills';
import { protocolSection } from './sections/protocol';
import { kernelSection } from './sections/kernel';
import { startupSection } from './sections/startup';
import type { AimResult, BenchSection } from './sections/section';

/*
 * `npm run bench`: every section prints its table in turn, then every aim
 * the sections checked is listed as met or not met with its figure.
 */

const SECTIONS: BenchSection[] = [
  startupSection,
  interruptSection,
  jobsSection,
  frameSection,
  kernelSection,
  killSection,
  checkingSection,
  protocolSection,
  floodSection,
  coreParitySection,
];

async function main(): Promise<void> {
  const aims: AimResult[] = [];
  for (const section of SECTIONS) {
    console.log(`\n== ${section.title}`);
    const t0 = process.hrtime.bigint();
    const reported = await section.run();
    if (reported) aims.push(...reported);
    console.log(`(${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s)`);
  }
  console.log('\n== Aims');
  for (const a of aims) console.log(`${a.met ? 'met    ' : 'NOT MET'}  ${a.aim}: ${a.figure}`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
