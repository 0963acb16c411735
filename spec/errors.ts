/**
 * Raised by an allocator when a caller breaks a documented rule (wrong
 * context, double free, unprepped physreq, ...). It names the clause so a
 * report can point at the document. Raising it must leave the allocator's
 * state as it was.
 */
export class ContractViolation extends Error {
  readonly clause: string;
  readonly service: string;

  constructor(service: string, clause: string, detail: string) {
    super(`${service}: ${detail} [${clause}]`);
    this.name = 'ContractViolation';
    this.service = service;
    this.clause = clause;
  }
}

/**
 * Duck-typed so that an implementation loaded from another copy of this
 * package, or one answering over the wire, is recognised as well.
 */
export function isContractViolation(e: unknown): e is { clause: string; message: string } {
  return typeof e === 'object' && e !== null && typeof (e as { clause?: unknown }).clause === 'string';
}
