import { FAMILIES, type Family } from '../../spec/interface/implementation';
import { UsageError } from '../errors';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function positiveInt(option: string, text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option}: '${text}' is not a positive integer`);
  return n;
}

export function positiveNumber(option: string, text: string): number {
  const n = /^(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option}: '${text}' is not a positive number`);
  return n;
}

/** Seeds are fast-check's: 32-bit signed integers, so a reported seed may be negative. */
export function seed(option: string, text: string): number {
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < INT32_MIN || n > INT32_MAX) throw new UsageError(`${option}: '${text}' is not a 32-bit integer seed`);
  return n;
}

export interface Replay {
  readonly seed: number;
  /** fast-check's path to the shrunk counterexample, e.g. `3:0:1`. */
  readonly path: string;
}

/** `seed:path` as a failure report prints it. */
export function replay(text: string): Replay {
  const m = /^(-?\d+):(\d+(?::\d+)*)$/.exec(text);
  if (m === null) throw new UsageError(`--replay: '${text}' is not seed:path (as printed after a failure, e.g. 1234:5:0:1)`);
  return { seed: seed('--replay', m[1]!), path: m[2]! };
}

export function oneOf<T extends string>(option: string, text: string, allowed: ReadonlyArray<T>): T {
  if (!(allowed as ReadonlyArray<string>).includes(text)) throw new UsageError(`${option}: '${text}' is not one of ${allowed.join(', ')}`);
  return text as T;
}

/**
 * Family names (--require-family F[,F…], `requireFamilies` in an
 * expectations file), checked against the families the suite knows: a new
 * family is one more name in FAMILIES and nothing here.
 */
export function familyNames(where: string, names: ReadonlyArray<string>): Family[] {
  const unknown = names.find((n) => !FAMILIES.includes(n as Family));
  if (unknown !== undefined) throw new UsageError(`${where}: '${unknown}' is not a family (one of ${FAMILIES.join(', ')})`);
  return [...new Set(names as Family[])];
}

/** Every value of a repeatable comma-separated option, as family names. */
export function familyList(option: string, texts: ReadonlyArray<string>): Family[] {
  return familyNames(option, texts.flatMap((t) => t.split(',')).map((n) => n.trim()));
}
