import type { FailureRegion } from './region';

/**
 * Why a property run stopped. A ClauseFailure is the allocator breaking a
 * clause; the two Implementation* errors are the allocator misbehaving so
 * badly (crash, broken protocol, hang) that no clause can be judged.
 */
export class ClauseFailure extends Error {
  constructor(
    readonly clause: string,
    message: string,
    /** Where in memory, when the judge knows the offending allocation. */
    readonly region?: FailureRegion,
  ) {
    super(`${message} [${clause}]`);
    this.name = 'ClauseFailure';
  }
}

export class ImplementationCrash extends Error {
  constructor(
    readonly call: string,
    override readonly cause: unknown,
  ) {
    super(`${call} threw ${describeThrown(cause)}${stderrTailOf(cause)}`);
    this.name = 'ImplementationCrash';
  }
}

export class ImplementationHang extends Error {
  constructor(
    readonly call: string,
    readonly ms: number,
  ) {
    super(`${call} did not answer within ${ms} ms`);
    this.name = 'ImplementationHang';
  }
}

/**
 * The property ran past its time limit: the run in progress stops at the
 * allocator's next call and the property ends as TIMEOUT, however slow the
 * allocator's answers (or the observations of them) have become.
 */
export class PropertyOverrun extends Error {
  constructor(readonly call: string) {
    super(`the property ran past its time limit (stopped before ${call})`);
    this.name = 'PropertyOverrun';
  }
}

/**
 * A fault in the suite's own code, never a verdict on the allocator: the
 * run stops and the command exits 3 naming the property.
 */
export class InternalError extends Error {
  constructor(
    readonly property: string,
    override readonly cause: unknown,
  ) {
    super(`internal error in property ${property}: ${describeThrown(cause)}`);
    this.name = 'InternalError';
  }
}

/**
 * The allocator's last words on stderr, when the error carries them (the
 * subprocess client appends them to its errors: docs/protocol.md), so the
 * report of a crash shows them below its one-line reason.
 */
function stderrTailOf(e: unknown): string {
  if (!(e instanceof Error)) return '';
  const at = e.message.indexOf('\nstderr (last ');
  return at < 0 ? '' : e.message.slice(at);
}

export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  return typeof e === 'string' ? JSON.stringify(e) : String(e);
}

export function fail(clause: string, message: string, region?: FailureRegion): never {
  throw new ClauseFailure(clause, message, region);
}

/** An implementation's own word that it broke down for good (a subprocess that exited, say): duck-typed, as it may come from any client. */
export function isFatal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { fatal?: unknown }).fatal === true;
}

/** A client's own time-out (for instance the subprocess client's per-call limit). */
export function isTimeout(e: unknown): boolean {
  return e instanceof Error && e.name === 'ImplementationTimeout';
}
