import type { PropertyResult } from '../../properties/runner/result';
import type { RunArgs } from '../args';

/** Quoted for a POSIX shell, only when it has to be. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that reruns exactly one failure: same allocator, same
 * per-call timeout, the property, and its seed:path (which fixes the input,
 * so run counts, budgets and shards no longer matter). It starts with
 * `npx`, which finds the command in the project that installed it (or in
 * this package's own clone), so the line runs exactly as printed from the
 * folder the run was started in.
 */
export function replayCommandFor(args: RunArgs): (r: PropertyResult) => string {
  const source = args.source.kind === 'impl' ? ['--impl', args.source.path] : args.source.kind === 'exec' ? ['--exec', args.source.command] : [];
  const timeout = args.timeoutMs === undefined ? [] : ['--timeout', String(args.timeoutMs)];
  return (r) => {
    const replay = r.failure?.replay ?? String(r.seed);
    return ['npx', 'dmaconform', ...source, ...timeout, '--property', r.property, '--replay', replay].map(shellQuote).join(' ');
  };
}
