/**
 * How a subprocess implementation can fail other than by reporting a contract
 * violation. Both are distinct classes, and neither carries a `clause`, so
 * the suite counts them as the implementation breaking down rather than as a
 * (possibly correct) report of a caller's error.
 */

/** The implementation broke the protocol, replied with an `error`, or exited. */
export class ImplementationBroken extends Error {
  /**
   * True when the connection itself is gone or garbled (nothing more can be
   * asked); false for an `error` reply to one request, which an observation
   * such as translating an unmapped address may legitimately give.
   */
  readonly fatal: boolean;

  constructor(message: string, fatal = true) {
    super(message);
    this.name = 'ImplementationBroken';
    this.fatal = fatal;
  }
}

/** The implementation did not answer a request in time. */
export class ImplementationTimeout extends Error {
  readonly op: string;
  readonly timeoutMs: number;

  constructor(message: string, op: string, timeoutMs: number) {
    super(message);
    this.name = 'ImplementationTimeout';
    this.op = op;
    this.timeoutMs = timeoutMs;
  }
}
