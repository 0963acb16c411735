import fc from 'fast-check';

const hex = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

function isPlainObject(v: object): boolean {
  return Object.getPrototypeOf(v) === Object.prototype && Object.getOwnPropertySymbols(v).length === 0 && !(fc.toStringMethod in v) && !(fc.asyncToStringMethod in v);
}

/** A dense array with nothing but its elements (fast-check has its own notation for the rest). */
function isPlainArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && Object.keys(v).length === v.length && Object.getOwnPropertySymbols(v).length === 0;
}

/**
 * A counterexample as text, like fc.stringify but with every bigint as
 * `0x…` hex, the way addresses appear everywhere else in a report (fast-check
 * prints `4096n`). Arrays and plain objects are walked; anything else
 * (a scheduler, a class instance) is left to fast-check's own printing.
 */
export function stringifyCounterexample(value: unknown): string {
  if (typeof value === 'bigint') return hex(value);
  if (isPlainArray(value)) return `[${value.map(stringifyCounterexample).join(',')}]`;
  if (typeof value === 'object' && value !== null && isPlainObject(value)) {
    // A "__proto__" key is written computed, as fast-check does, so that reading the text back makes a key and not a prototype.
    const key = (k: string) => (k === '__proto__' ? `[${JSON.stringify(k)}]` : JSON.stringify(k));
    const entries = Object.entries(value).map(([k, v]) => `${key(k)}:${stringifyCounterexample(v)}`);
    return `{${entries.join(',')}}`;
  }
  return fc.stringify(value);
}
