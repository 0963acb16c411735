import type { Family, ServiceName } from '../../spec/interface/implementation';

/** The protocol of docs/protocol.md. A new version is needed for any change an old implementation would misread. */
export const PROTOCOL_VERSION = 1;

/** Every request kind: one per service, plus the session and observation messages. */
export type WireOp = 'hello' | 'setup' | 'reset' | 'shutdown' | 'ping' | 'translate' | 'read' | 'write' | 'heap_of' | ServiceName;

/** Arguments as they go on the wire: 64-bit values already hex strings. */
export type WireArgs = Readonly<Record<string, unknown>>;

/** A reply after its envelope has been checked; `result` is still unchecked. */
export type WireReply =
  | { readonly id: number; readonly kind: 'result'; readonly result: unknown }
  | { readonly id: number; readonly kind: 'violation'; readonly clause: string; readonly message: string }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };

/** What the implementation says about itself in answer to `hello`. */
export interface HelloResult {
  readonly name: string;
  readonly protocol: number;
  readonly families: ReadonlyArray<Family>;
  readonly heapOf: boolean;
  /** A placement core inside the C shell (core/dmacore.h): reports then say which clauses the shell supplies. */
  readonly placementCore: boolean;
  /** The process answers `reset`, so one process may serve property after property. */
  readonly reset: boolean;
  /** The process answers `ping` in turn, so a KM_SLEEP request is known parked without waiting out a grace period. */
  readonly ping: boolean;
}

export function encodeRequest(id: number, op: WireOp, args: WireArgs): string {
  return `${JSON.stringify({ id, op, ...args })}\n`;
}
