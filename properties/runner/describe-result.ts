import type { PropertyResult } from './result';

/**
 * A failed result as text: what broke, the shrunk trace one call per line,
 * and how to replay it. Shared by every reporter that prints failures.
 */
export function describeFailure(r: PropertyResult): string {
  const f = r.failure;
  if (f === undefined) return `${r.property}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`;
  const lines = [`${r.property}: ${r.status}${f.clause ? ` [${f.clause}]` : ''} after ${f.runsToFailure} run(s), ${f.shrinks} shrink(s)`, `  ${f.message}`, '  trace:'];
  for (const t of f.trace) lines.push(`    ${t}`);
  lines.push(`  replay: --property ${r.property} --replay ${f.replay}`);
  return lines.join('\n');
}
