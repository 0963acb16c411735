import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './errors';
import { resolvePath, type Io } from './io';

/**
 * Checks, before any work starts, that a file the run will write can be
 * written: a long run must not end with its report lost to a mistyped
 * folder. The file may exist (then it is replaced) or not (then its folder
 * must exist and be writable).
 */
export function checkWritable(io: Io, option: string, path: string): void {
  const file = resolvePath(io, path);
  const fail = (why: string): never => {
    throw new UsageError(`${option}: cannot write '${path}': ${why}`);
  };
  let existing;
  try {
    existing = statSync(file);
  } catch {
    existing = null;
  }
  if (existing !== null) {
    if (existing.isDirectory()) fail('it is a directory');
    try {
      accessSync(file, constants.W_OK);
    } catch {
      fail('permission denied');
    }
    return;
  }
  const folder = dirname(file);
  let parent;
  try {
    parent = statSync(folder);
  } catch {
    return fail(`no such directory '${dirname(path)}'`);
  }
  if (!parent.isDirectory()) fail(`'${dirname(path)}' is not a directory`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    fail(`directory '${dirname(path)}' is not writable`);
  }
}
