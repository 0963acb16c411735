import { hex, parseU64 } from '../../spec/address/u64';
import type { CoreLimits, CoreRange, PlacementCore, PlacementRequest } from '../contract';
import { replyObject } from './reply-line';
import { SyncChannel } from './sync-channel';

/**
 * A placement core in any language, as a process speaking the core protocol
 * (docs/core-protocol.md): one JSON object per line each way, addresses as
 * "0x…" strings. It answers synchronously, like a core written in TypeScript.
 */
export class ExecCore implements PlacementCore {
  readonly name: string;
  readonly supports: CoreLimits;
  declare read?: (address: bigint, length: number) => Uint8Array;
  declare write?: (address: bigint, data: Uint8Array) => void;
  declare zero?: (address: bigint, length: bigint) => void;
  private readonly channel: SyncChannel;
  /** It answered an error or a garbled reply once: it serves no further property. */
  private faulted = false;

  constructor(command: string, cwd: string, timeoutMs = 10_000) {
    this.channel = new SyncChannel(command, cwd, timeoutMs);
    const hello = this.call({ op: 'hello', protocol: 1 });
    if (typeof hello.name !== 'string' || hello.name === '') throw new TypeError(`hello: name ${JSON.stringify(hello.name)} is not a non-empty string`);
    this.name = hello.name;
    this.supports = { boundary: hello.boundary !== false };
    if (hello.memory === true) {
      Object.assign(this, {
        read: (address: bigint, length: number) => Buffer.from(String(this.call({ op: 'read', address: hex(address), length }).data), 'hex'),
        write: (address: bigint, data: Uint8Array) => void this.call({ op: 'write', address: hex(address), data: Buffer.from(data).toString('hex') }),
      });
      if (hello.zero === true) this.zero = (address: bigint, length: bigint) => void this.call({ op: 'zero', address: hex(address), length: hex(length) });
    }
  }

  init(ranges: ReadonlyArray<CoreRange>, pageSize: number): void {
    this.call({ op: 'init', ranges: ranges.map((r) => ({ base: hex(r.base), length: hex(r.length) })), pageSize });
  }

  alloc(r: PlacementRequest): bigint | null {
    const got = this.call({ op: 'alloc', size: hex(r.size), align: hex(r.align), boundary: hex(r.boundary), lowest: hex(r.lowest), highest: hex(r.highest) });
    return got.address === null ? null : parseU64(got.address, 'alloc: address');
  }

  free(address: bigint, size: bigint): void {
    this.call({ op: 'free', address: hex(address), size: hex(size) });
  }

  dispose(): void {
    this.channel.close();
  }

  /** The process is alive and never failed: init can start it afresh for another property. */
  get reusable(): boolean {
    return !this.faulted && this.channel.alive;
  }

  private call(request: Record<string, unknown>): Record<string, unknown> {
    try {
      return this.exchange(request);
    } catch (e) {
      this.faulted = true;
      throw e;
    }
  }

  private exchange(request: Record<string, unknown>): Record<string, unknown> {
    const r = replyObject(this.channel.request(JSON.stringify(request)), String(request.op));
    if (r.ok !== true) throw new Error(`${String(request.op)}: ${typeof r.error === 'string' ? r.error : 'the core reported an error'}`);
    return r;
  }
}
