import { ContractViolation } from '../../spec/errors';
import { show } from './codec';
import { ImplementationBroken } from './errors';
import type { WireReply } from './wire';

/**
 * Checks one stdout line as a reply envelope. Throws a TypeError describing
 * the breach; `result` is left for the request's own decoder.
 */
export function parseReply(line: string): WireReply {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new TypeError(`stdout line is not JSON (stdout is for protocol lines only; diagnostics go to stderr): ${show(line)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError(`reply ${show(line)} is not a JSON object`);
  const o = raw as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new TypeError(`reply ${show(line)} has no integer id`);
  if (o.ok === true) {
    if (!('result' in o)) throw new TypeError(`reply ${show(line)} has ok true but no result (use null for none)`);
    return { id, kind: 'result', result: o.result };
  }
  if (o.ok !== false) throw new TypeError(`reply ${show(line)} has no boolean ok`);
  if ('violation' in o) {
    const v = o.violation;
    if (typeof v !== 'object' || v === null) throw new TypeError(`reply ${show(line)}: violation is not an object`);
    const { clause, message } = v as Record<string, unknown>;
    if (typeof clause !== 'string' || clause === '') throw new TypeError(`reply ${show(line)}: violation has no clause id`);
    if (typeof message !== 'string') throw new TypeError(`reply ${show(line)}: violation has no message string`);
    return { id, kind: 'violation', clause, message };
  }
  if (typeof o.error !== 'string') throw new TypeError(`reply ${show(line)} has ok false but neither a violation nor an error string`);
  return { id, kind: 'error', message: o.error };
}

/**
 * What a call rejects with when the reply is not a result: a violation
 * becomes the ContractViolation the suite judges by its clause; an error
 * means the implementation failed, and carries the tail of its stderr.
 */
export function rejectionFor(op: string, reply: Exclude<WireReply, { kind: 'result' }>, stderrTail: string): Error {
  if (reply.kind === 'violation') {
    const prefix = `${op}: `;
    const detail = reply.message.startsWith(prefix) ? reply.message.slice(prefix.length) : reply.message;
    return new ContractViolation(op, reply.clause, detail);
  }
  return new ImplementationBroken(`SubprocessImplementation: ${op} (request ${reply.id}) failed in the implementation: ${reply.message}${stderrTail}`, false);
}
