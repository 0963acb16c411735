import { parseArgs } from './args';
import { InternalError } from '../properties/harness/failures';
import { EXIT_CONFORMING, EXIT_INTERNAL, EXIT_USAGE, UsageError, oneLine } from './errors';
import { processIo, type Io } from './io';
import { USAGE } from './usage';
import { packageVersion } from './version';

/**
 * The whole command line as a function: argv without the node and script
 * names, and where to print. Returns the exit status; never exits itself.
 */
export async function main(argv: ReadonlyArray<string>, io: Io = processIo()): Promise<number> {
  try {
    const cmd = parseArgs(argv, io.cwd);
    if (cmd.command === 'help') {
      io.stdout(USAGE);
      return EXIT_CONFORMING;
    }
    if (cmd.command === 'version') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT_CONFORMING;
    }
    // Loaded only when needed: the suite and fast-check are most of the start-up time, and --help or a usage error should answer at once.
    if (cmd.command === 'clauses') return (await import('./clauses/command')).clausesCommand(cmd, io);
    if (cmd.command === 'explain') return await (await import('./explain/command')).explainCommand(cmd, io);
    if (cmd.command === 'merge') return (await import('./merge/command')).mergeCommand(cmd, io);
    return await (await import('./run/command')).runCommand(cmd, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${oneLine(e.message)}\n${e.detail.map((line) => `  ${line}\n`).join('')}`);
      return EXIT_USAGE;
    }
    if (e instanceof InternalError) {
      const where = e.cause instanceof Error && e.cause.stack !== undefined ? `\n${e.cause.stack}` : '';
      io.stderr(`dmaconform: ${e.message}${where}\n`);
      return EXIT_INTERNAL;
    }
    throw e;
  }
}

/** For the launcher: runs main() and exits once the output is flushed. */
export function run(argv: ReadonlyArray<string>): void {
  main(argv).then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (e: unknown) => {
      process.stderr.write(`dmaconform: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(3);
    },
  );
}
