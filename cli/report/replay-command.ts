import type { PropertyResult } from '../../properties/runner/result';
import type { RunArgs } from '../args';

/** Quoted for a POSIX shell, only when it has to be. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that reruns exactly one failure: same allocator, same
 * per-call timeout and wake-up deadline, the property, and its seed:path (which fixes the input,
 * so run counts, budgets and shards no longer matter). It starts with
 * `npx`, which finds the command in the project that installed it (or in
 * this package's own clone), so the line runs exactly as printed from the
 * folder the run was started in.
 */
export function replayCommandFor(args: RunArgs): (r: PropertyResult) => string {
  const s = args.source;
  const source = s.kind === 'impl' ? ['--impl', s.path] : s.kind === 'exec' ? ['--exec', s.command] : s.kind === 'core' ? ['--core', s.path] : s.kind === 'core-exec' ? ['--core-exec', s.command] : [];
  const pools = 'pools' in s && s.pools !== undefined ? (s.pools.kind === 'module' ? ['--pools', s.pools.path] : ['--pools-exec', s.pools.command]) : [];
  source.push(...pools);
  const timeout = args.timeoutMs === undefined ? [] : ['--timeout', String(args.timeoutMs)];
  if (args.wakeDeadlineMs !== undefined) timeout.push('--wake-deadline', String(args.wakeDeadlineMs));
  return (r) => {
    const replay = r.failure?.replay ?? String(r.seed);
    return ['npx', 'dmaconform', ...source, ...timeout, '--property', r.property, '--replay', replay].map(shellQuote).join(' ');
  };
}
