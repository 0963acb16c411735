import { existsSync } from 'node:fs';
import { findClause } from '../../spec/clauses';
import type { Status } from '../../properties/runner/result';
import type { Family } from '../../spec/interface/implementation';
import { UsageError } from '../errors';
import { readText, resolvePath, writeText, type Io } from '../io';
import { familyNames } from '../args/values';

export type FailingStatus = Extract<Status, 'FAIL' | 'TIMEOUT' | 'BROKEN'>;
export const FAILING: ReadonlyArray<FailingStatus> = ['FAIL', 'TIMEOUT', 'BROKEN'];

export interface Expectation {
  readonly status: FailingStatus;
  readonly reason?: string;
}

/**
 * Known failures, keyed by the clause a failure names. A TIMEOUT or BROKEN
 * result names no clause (the allocator hung or crashed), so for those the
 * key is the property's name.
 */
export type Expectations = Readonly<Record<string, Expectation>>;

function entryProblem(key: string, value: unknown, propertyNames: ReadonlySet<string>): string | null {
  if (findClause(key) === undefined && !propertyNames.has(key)) return `'${key}' is neither a clause id nor a property name`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `'${key}' is not an object`;
  const { status, reason } = value as Record<string, unknown>;
  if (!FAILING.includes(status as FailingStatus)) return `'${key}' has status ${JSON.stringify(status)}, not one of ${FAILING.join(', ')}`;
  if (reason !== undefined && typeof reason !== 'string') return `'${key}' has a reason that is not a string`;
  return null;
}

/**
 * The one key of an expectations file that is not a clause: the families
 * the gate requires to be judged, as --require-family does (no clause id or
 * property name can take this name, as both contain a dot).
 */
export const REQUIRE_FAMILIES = 'requireFamilies';

export interface ExpectationsFile {
  readonly expectations: Expectations;
  readonly requireFamilies: ReadonlyArray<Family>;
}

function requiredIn(path: string, value: unknown): Family[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new UsageError(`--expectations ${path}: '${REQUIRE_FAMILIES}' is not a list of family names`);
  return familyNames(`--expectations ${path}: ${REQUIRE_FAMILIES}`, value as string[]);
}

/** Reads and checks the file; with allowMissing (for --update-expectations) a missing file is empty. */
export function loadExpectations(io: Io, path: string, propertyNames: ReadonlySet<string>, allowMissing: boolean): Expectations {
  return readExpectationsFile(io, path, propertyNames, allowMissing).expectations;
}

/** The known failures and the required families of an expectations file. */
export function readExpectationsFile(io: Io, path: string, propertyNames: ReadonlySet<string>, allowMissing: boolean): ExpectationsFile {
  if (allowMissing && !existsSync(resolvePath(io, path))) return { expectations: {}, requireFamilies: [] };
  const text = readText(io, '--expectations', path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--expectations ${path}: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--expectations ${path}: expected an object keyed by clause id`);
  }
  const { [REQUIRE_FAMILIES]: required, ...entries } = parsed as Record<string, unknown>;
  for (const [key, value] of Object.entries(entries)) {
    const problem = entryProblem(key, value, propertyNames);
    if (problem !== null) throw new UsageError(`--expectations ${path}: ${problem}`);
  }
  return { expectations: entries as Expectations, requireFamilies: required === undefined ? [] : requiredIn(path, required) };
}

/** Keys sorted, so that the file's diffs show what changed and nothing else. */
export function writeExpectations(io: Io, path: string, expectations: Expectations, requireFamilies: ReadonlyArray<Family> = []): void {
  const required = requireFamilies.length === 0 ? [] : [[REQUIRE_FAMILIES, requireFamilies] as const];
  const sorted = Object.fromEntries([...required, ...Object.keys(expectations).sort().map((k) => [k, expectations[k]] as const)]);
  writeText(io, '--expectations', path, `${JSON.stringify(sorted, null, 2)}\n`);
}
