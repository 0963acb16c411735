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

const isHex: Check = (v) => typeof v === 'string' && /^0x[0-9a-f]+$/.test(v);
const isAllocation: Check = (v) => isObject(v) && isHex(v.vaddr) && isHex(v.size) && arrayOf((s) => isObject(s) && isHex(s.phys) && isHex(s.length))(v.segments);
/** Every address in a failure's picture is an exact 0x string. */
const isPicture: Check = (v) =>
  isObject(v) &&
  arrayOf((r) => isObject(r) && isHex(r.base) && isHex(r.last) && (r.type === 'ram' || r.type === 'reserved'))(v.ranges) &&
  arrayOf(isAllocation)(v.live) &&
  (v.run === undefined || isAllocation(v.run)) &&
  (v.constraints === undefined || (isObject(v.constraints) && isHex(v.constraints.alignment) && isHex(v.constraints.boundary) && isHex(v.constraints.maxAddress)));

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
    // A merged report has no processes of its own to speak of.
    { processStarts: nullOr((v) => isObject(v) && isInt(v.processes) && isInt(v.ms) && (v.processes as number) >= 1) },
    problems,
  );
  if (!isObject(doc)) return problems;
  const summaryKeys = [...STATUSES, 'total', 'mustFailures', 'shouldFailures'];
  fields('summary', doc.summary, Object.fromEntries(summaryKeys.map((k) => [k, isInt])), {}, problems);
  fields('gate', doc.gate, { passed: isBool, exitCode: isInt, regressions: arrayOf(isString), expected: arrayOf(isString), nowPasses: arrayOf(isString), unjudgedFamilies: arrayOf(isString), missingRequiredFamilies: arrayOf(isString) }, {}, problems);
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
        { replayCommand: isString, picture: isPicture },
        problems,
      );
    }
  }
  const results = (doc.results as Array<{ status?: string }>) ?? [];
  if (isObject(doc.summary) && doc.summary.total !== results.length) problems.push(`summary.total ${doc.summary.total} != ${results.length} results`);
  return problems;
}
