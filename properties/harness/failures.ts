/**
 * Why a property run stopped. A ClauseFailure is the allocator breaking a
 * clause; the two Implementation* errors are the allocator misbehaving so
 * badly (crash, broken protocol, hang) that no clause can be judged.
 */
export class ClauseFailure extends Error {
  constructor(
    readonly clause: string,
    message: string,
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
    super(`${call} threw ${describeThrown(cause)}`);
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

export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  return typeof e === 'string' ? JSON.stringify(e) : String(e);
}

export function fail(clause: string, message: string): never {
  throw new ClauseFailure(clause, message);
}
