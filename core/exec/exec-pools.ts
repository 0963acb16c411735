import { hex, parseU64 } from '../../spec/address/u64';
import type { PoolParams } from '../../spec/constraints/from-linux';
import type { PoolEngine, PoolHost, PoolPair } from '../pool-contract';
import { replyObject } from './reply-line';
import { SyncChannel } from './sync-channel';

type Message = Record<string, unknown>;

/**
 * A pool engine in any language, as a process speaking the core protocol's
 * pool ops (docs/core-protocol.md, "Pool engines"). While it answers an op
 * it may ask for coherent memory ("up" lines), which the layer's host
 * answers before the op's own reply comes. It answers synchronously, like
 * an engine written in TypeScript.
 */
export class ExecPools implements PoolEngine {
  readonly name: string;
  declare read?: (dma: bigint, length: number) => Uint8Array;
  declare write?: (dma: bigint, data: Uint8Array) => void;
  private readonly channel: SyncChannel;
  private host: PoolHost | null = null;
  /** It answered an error, a garbled reply or a wrong request for memory once: it serves no further property. */
  private faulted = false;

  constructor(command: string, cwd: string, timeoutMs = 10_000) {
    this.channel = new SyncChannel(command, cwd, timeoutMs);
    const hello = this.call({ op: 'hello', protocol: 1 });
    if (typeof hello.name !== 'string' || hello.name === '') throw new TypeError(`hello: name ${JSON.stringify(hello.name)} is not a non-empty string`);
    if (hello.pools !== true) throw new TypeError(`hello: ${hello.name} does not say "pools": true, so it is no pool engine`);
    this.name = hello.name;
    if (hello.memory === true) {
      Object.assign(this, {
        read: (dma: bigint, length: number) => Buffer.from(String(this.call({ op: 'read', address: hex(dma), length }).data), 'hex'),
        write: (dma: bigint, data: Uint8Array) => void this.call({ op: 'write', address: hex(dma), data: Buffer.from(data).toString('hex') }),
      });
    }
  }

  reset(host: PoolHost): void {
    this.host = host;
    this.call({ op: 'reset', pageSize: host.pageSize });
  }

  create(pool: number, p: PoolParams): boolean {
    const got = this.call({ op: 'pool_create', pool, size: hex(p.size), align: hex(p.align), boundary: hex(p.boundary) }, pool);
    if (typeof got.made !== 'boolean') throw new TypeError(`pool_create: made ${JSON.stringify(got.made)} is neither true nor false`);
    return got.made;
  }

  alloc(pool: number, zero: boolean): PoolPair | null {
    const got = this.call({ op: 'pool_alloc', pool, zero }, pool);
    if (got.cpu === null) return null;
    return { cpu: parseU64(got.cpu, 'pool_alloc: cpu'), dma: parseU64(got.dma, 'pool_alloc: dma') };
  }

  free(pool: number, block: PoolPair): void {
    this.call({ op: 'pool_free', pool, cpu: hex(block.cpu), dma: hex(block.dma) }, pool);
  }

  destroy(pool: number): void {
    this.call({ op: 'pool_destroy', pool }, pool);
  }

  dispose(): void {
    this.channel.close();
  }

  /** The process is alive and never failed: reset can start it afresh for another property. */
  get reusable(): boolean {
    return !this.faulted && this.channel.alive;
  }

  private call(request: Message, pool?: number): Message {
    try {
      let reply = this.exchange(JSON.stringify(request), String(request.op));
      while (typeof reply.up === 'string') reply = this.exchange(JSON.stringify(this.answerUp(reply, pool)), `${String(request.op)}: up ${reply.up}`);
      if (reply.ok !== true) throw new Error(`${String(request.op)}: ${typeof reply.error === 'string' ? reply.error : 'the engine reported an error'}`);
      return reply;
    } catch (e) {
      this.faulted = true;
      throw e;
    }
  }

  /** The host's answer to a request for memory made while an op of `pool` was being answered. */
  private answerUp(up: Message, pool: number | undefined): Message {
    const host = this.host;
    if (host === null || pool === undefined) throw new TypeError(`${this.name} asked for memory (${String(up.up)}) outside a pool op`);
    const size = parseU64(up.size, `up ${String(up.up)}: size`);
    if (up.up === 'obtain') {
      const chunk = host.obtain(pool, size);
      return chunk === null ? { ok: true, cpu: null } : { ok: true, cpu: hex(chunk.cpu), dma: hex(chunk.dma) };
    }
    if (up.up === 'give_back') {
      host.giveBack(pool, size, { cpu: parseU64(up.cpu, 'up give_back: cpu'), dma: parseU64(up.dma, 'up give_back: dma') });
      return { ok: true };
    }
    throw new TypeError(`${this.name} sent an unknown up line ${JSON.stringify(up.up)}`);
  }

  private exchange(line: string, what: string): Message {
    return replyObject(this.channel.request(line), what);
  }
}
