/**
 * Bad input (an option, a path, a module, a command that cannot start): the
 * CLI prints the message as one line and exits with status 2, so a CI job
 * can tell a misconfigured gate from an allocator that does not conform.
 */
export class UsageError extends Error {
  /** Lines printed under the message, indented, when one line cannot say why (a module that does not load). */
  readonly detail: ReadonlyArray<string>;
  constructor(message: string, detail: ReadonlyArray<string> = []) {
    super(`dmaconform: ${message}`);
    this.name = 'UsageError';
    this.detail = detail;
  }
}

export const EXIT_CONFORMING = 0;
export const EXIT_NOT_CONFORMING = 1;
export const EXIT_USAGE = 2;
/** A fault in the suite itself: never a verdict on the allocator. */
export const EXIT_INTERNAL = 3;

/**
 * Messages from lower layers may span lines (a subprocess's stderr tail):
 * keep the first line, and the last line of the stderr tail if there is one,
 * since that is usually the reason.
 */
export function oneLine(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return 'unknown error';
  const tail = lines.findIndex((l) => /^stderr \(last \d+ characters\):$/.test(l));
  if (tail > 0 && tail < lines.length - 1) return `${lines[0]} (stderr: ${lines[lines.length - 1]})`;
  return lines[0]!;
}
