import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors';

/**
 * Where the CLI reads and writes. main() takes it as a parameter so that
 * tests run the whole command in-process and capture what it prints.
 */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress lines are only worth printing to a person watching a terminal. */
  readonly stderrIsTTY: boolean;
  /** Relative paths on the command line are taken from here. */
  readonly cwd: string;
  /** Whether a run may take over SIGINT/SIGTERM to report and stop its subprocesses before exiting (only the real process should). */
  readonly handleSignals?: boolean;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    handleSignals: true,
  };
}

export function resolvePath(io: Io, path: string): string {
  return resolve(io.cwd, path);
}

/** Reads a file named on the command line; a missing or unreadable one is bad input. */
export function readText(io: Io, option: string, path: string): string {
  try {
    return readFileSync(resolvePath(io, path), 'utf8');
  } catch (e) {
    throw new UsageError(`${option}: cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function writeText(io: Io, option: string, path: string, text: string): void {
  try {
    writeFileSync(resolvePath(io, path), text);
  } catch (e) {
    throw new UsageError(`${option}: cannot write '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
