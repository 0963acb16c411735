import { join } from 'node:path';
import { measureChild, type ChildUsage } from './child-usage';
import { buildDist } from './startup';

const ROOT = join(__dirname, '..');

export interface FloodFigure extends ChildUsage {
  readonly properties: number;
  readonly broken: number;
  readonly unsupported: number;
}

/**
 * The whole CLI against an --exec implementation that writes 100 MB to
 * stdout (no newline) and to stderr in every property: the harness's peak
 * memory is what the reply-line limit and the stderr tail bound.
 */
export function benchFlood(budget = 0.1): FloodFigure {
  buildDist();
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'fixtures', 'external', 'broken', 'floods.js'))}`;
  const usage = measureChild([join(ROOT, 'bin', 'dmaconform.js'), '--exec', command, '--budget', String(budget), '--seed', '1', '--reporter', 'json', '--out', '/dev/null'], ROOT);
  const verdict = /(\d+) propert(?:y|ies): \d+ judged \(\d+ PASS, \d+ FAIL, \d+ TIMEOUT, (\d+) BROKEN\), (\d+) UNSUPPORTED/.exec(usage.stderr);
  const count = (i: number) => (verdict ? Number(verdict[i]) : 0);
  return { ...usage, properties: count(1), broken: count(2), unsupported: count(3) };
}
