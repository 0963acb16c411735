/**
 * The JSON report's documented shape (docs/cli.md), as a checker returning
 * every deviation, so a test failure says exactly which field is wrong.
 */
const STATUSES = ['PASS', 'FAIL', 'UNSUPPORTED', 'TIMEOUT', 'BROKEN'];

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isInt: Check = (v) => Number.isInteger(v);
const isBool: Check = (v) => typeof v === 'boolean';
const arrayOf =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(c);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fields(where: string, v: unknown, spec: Record<string, Check>, optional: Record<string, Check>, problems: string[]): void {
  if (!isObject(v)) {
    problems.push(`${where} is not an object`);
    return;
  }
  for (const [k, c] of Object.entries(spec)) if (!c(v[k])) problems.push(`${where}.${k} is ${JSON.stringify(v[k])}`);
  for (const [k, c] of Object.entries(optional)) if (k in v && !c(v[k])) problems.push(`${where}.${k} is ${JSON.stringify(v[k])}`);
}

export function reportProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const nullOr =
    (c: Check): Check =>
    (v) =>
      v === null || c(v);
  fields(
    'report',
    doc,
    {
      implementation: isString,
      seed: isInt,
      conforming: isBool,
      results: Array.isArray,
      summary: isObject,
      gate: isObject,
      interrupted: nullOr((v) => isObject(v) && (v.signal === 'SIGINT' || v.signal === 'SIGTERM') && (v.property === null || isString(v.property))),
      shard: nullOr((v) => isObject(v) && isInt(v.index) && isInt(v.count) && (v.index as number) >= 1 && (v.index as number) <= (v.count as number)),
    },
    {},
    problems,
  );
  if (!isObject(doc)) return problems;
  const summaryKeys = [...STATUSES, 'total', 'mustFailures', 'shouldFailures'];
  fields('summary', doc.summary, Object.fromEntries(summaryKeys.map((k) => [k, isInt])), {}, problems);
  fields('gate', doc.gate, { passed: isBool, exitCode: isInt, regressions: arrayOf(isString), expected: arrayOf(isString), nowPasses: arrayOf(isString) }, {}, problems);
  for (const [i, r] of ((doc.results as unknown[]) ?? []).entries()) {
    fields(
      `results[${i}]`,
      r,
      {
        property: isString,
        clauses: arrayOf(isString),
        strength: (v) => v === 'MUST' || v === 'SHOULD',
        status: (v) => STATUSES.includes(v as string),
        runs: isInt,
        durationMs: isInt,
        seed: isInt,
      },
      { reason: isString },
      problems,
    );
    if (isObject(r) && 'failure' in r) {
      fields(
        `results[${i}].failure`,
        r.failure,
        { clause: (v) => v === null || isString(v), message: isString, trace: arrayOf(isString), counterexample: isString, replay: (v) => isString(v) && /^-?\d+:\d+(:\d+)*$/.test(v as string) },
        { replayCommand: isString },
        problems,
      );
    }
  }
  const results = (doc.results as Array<{ status?: string }>) ?? [];
  if (isObject(doc.summary) && doc.summary.total !== results.length) problems.push(`summary.total ${doc.summary.total} != ${results.length} results`);
  return problems;
}
