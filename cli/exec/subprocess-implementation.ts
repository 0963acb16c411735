import type { PhysSegment } from '../../spec/constraints/types';
import type { DmaImplementation, Family, Parked, Probe, SetupConfig } from '../../spec/interface/implementation';
import { decodeBytes, decodeHeap, decodeNull, decodeSegments, encodeBytes, encodeSetup, encodeU64 } from './codec';
import { Connection } from './connection';
import type { ConnectionOptions } from './options';
import { decodeHello } from './hello';
import { serviceFunctions, servicesOf, type ServiceCall, type ServiceFunctions } from './services';
import { PROTOCOL_VERSION, type HelloResult, type WireArgs, type WireOp } from './wire';

export type SubprocessOptions = ConnectionOptions;

/**
 * An allocator in another process, driven over the protocol of
 * docs/protocol.md. After start() it offers exactly the services of the
 * families the process declared; the rest stay undefined.
 */
export class SubprocessImplementation implements DmaImplementation {
  name: string;
  families: ReadonlyArray<Family> = [];
  /** The process said it is a placement core inside the C shell. */
  placementCore = false;

  declare d_map_init?: ServiceFunctions['d_map_init'];
  declare d_map_clear?: ServiceFunctions['d_map_clear'];
  declare d_alloc_dmamem?: ServiceFunctions['d_alloc_dmamem'];
  declare d_free_dmamem?: ServiceFunctions['d_free_dmamem'];
  declare physreq_alloc?: ServiceFunctions['physreq_alloc'];
  declare physreq_set?: ServiceFunctions['physreq_set'];
  declare physreq_prep?: ServiceFunctions['physreq_prep'];
  declare physreq_free?: ServiceFunctions['physreq_free'];
  declare kmem_alloc_physcontig?: ServiceFunctions['kmem_alloc_physcontig'];
  declare kmem_free_physcontig?: ServiceFunctions['kmem_free_physcontig'];
  declare kmem_alloc_physreq?: ServiceFunctions['kmem_alloc_physreq'];
  declare kmem_zalloc_physreq?: ServiceFunctions['kmem_zalloc_physreq'];
  declare kmem_alloc_phys?: ServiceFunctions['kmem_alloc_phys'];
  declare kmem_free?: ServiceFunctions['kmem_free'];
  declare heapOf?: (vaddr: bigint) => Promise<'real_heap' | 'pinned_heap' | null>;

  private readonly connection: Connection;
  private hello: HelloResult | null = null;
  /** For a lease: hands the process back; once called, this object makes no more calls. */
  private readonly release: (() => Promise<void>) | null = null;
  private released = false;

  /** Spawns `command` through the shell; call start() (or use createSubprocessImplementation) before anything else. */
  constructor(
    readonly command: string,
    options: SubprocessOptions = {},
    shared?: { readonly connection: Connection; readonly hello: HelloResult; readonly release: () => Promise<void> },
  ) {
    this.name = command;
    if (shared === undefined) {
      this.connection = new Connection(command, options);
      return;
    }
    this.connection = shared.connection;
    this.release = shared.release;
    this.bind(shared.hello);
  }

  get pid(): number | undefined {
    return this.connection.pid;
  }

  /** Performs the handshake once and binds the declared families' services. */
  async start(): Promise<HelloResult> {
    if (this.hello !== null) return this.hello;
    const hello = await this.connection.request('hello', { protocol: PROTOCOL_VERSION }, decodeHello, {
      timeoutMs: this.connection.handshakeTimeoutMs,
    });
    this.bind(hello);
    return hello;
  }

  /** The process answers `reset` and has done nothing that makes it unfit for another property. */
  get reusable(): boolean {
    return this.hello?.reset === true && this.connection.sound;
  }

  /** Makes the process as good as new for the next property; calls left parked by the last one are given up. */
  async reset(): Promise<void> {
    this.connection.abandonInFlight();
    await this.call('reset', {}, decodeNull);
  }

  /** A view of this process for one property: its dispose() calls `release` instead of ending the process. */
  lease(release: () => Promise<void>): SubprocessImplementation {
    if (this.hello === null) throw new Error('SubprocessImplementation: lease() before start() completed the handshake');
    return new SubprocessImplementation(this.command, {}, { connection: this.connection, hello: this.hello, release });
  }

  private bind(hello: HelloResult): void {
    this.hello = hello;
    this.name = hello.name;
    this.families = hello.families;
    this.placementCore = hello.placementCore;
    Object.assign(this, servicesOf(serviceFunctions(this.serviceCall), hello.families));
    if (hello.heapOf) this.heapOf = async (vaddr) => this.call('heap_of', { vaddr: encodeU64(vaddr, 'vaddr') }, decodeHeap);
  }

  async setup(config: SetupConfig): Promise<void> {
    return this.call('setup', encodeSetup(config), decodeNull);
  }

  async translate(vaddr: bigint, length: bigint): Promise<PhysSegment[]> {
    return this.call('translate', { vaddr: encodeU64(vaddr, 'vaddr'), length: encodeU64(length, 'length') }, decodeSegments);
  }

  async read(vaddr: bigint, length: number): Promise<Uint8Array> {
    return this.call('read', { vaddr: encodeU64(vaddr, 'vaddr'), length }, (raw) => decodeBytes(raw, length));
  }

  async write(vaddr: bigint, data: Uint8Array): Promise<void> {
    return this.call('write', { vaddr: encodeU64(vaddr, 'vaddr'), data: encodeBytes(data) }, decodeNull);
  }

  /** Kills the process (after a short grace for a clean exit), or for a lease hands it back; safe to call more than once. */
  dispose(): Promise<void> {
    if (this.release === null) return this.connection.dispose();
    if (this.released) return Promise.resolve();
    this.released = true;
    return this.release();
  }

  private call<T>(op: WireOp, args: WireArgs, decode: (raw: unknown) => T, blocks = false): Promise<T> {
    // A stray call of a property that is over must not reach the process now serving another.
    if (this.released) return Promise.reject(new Error(`SubprocessImplementation: ${op} after dispose()`));
    if (this.hello === null) return Promise.reject(new Error(`SubprocessImplementation: ${op} before start() completed the handshake`));
    const answer = this.connection.request(op, args, decode, { mayBlock: blocks });
    return blocks && this.hello.ping ? withParked(answer, this.connection) : answer;
  }

  /** A service call; with ping, one the suite may ask about after the grace period (`Probe`). */
  private readonly serviceCall: ServiceCall = (op, args, decode, blocks) => {
    const answer = this.call(op, args, decode, blocks);
    if (this.hello?.ping !== true) return answer;
    const eager = (answer as Partial<Parked>).parked;
    return Object.assign(answer, { probe: () => eager ?? askParked(answer, this.connection) } satisfies Probe);
  };
}

/** Whether `answer` is parked, asked with a ping sent now: by the ordering rules its reply comes after the call's unless the call is parked. */
function askParked(answer: Promise<unknown>, connection: Connection): Promise<boolean> {
  let answered = false;
  answer.then(
    () => (answered = true),
    () => (answered = true),
  );
  return connection.request('ping', {}, decodeNull).then(
    () => !answered,
    () => false,
  );
}

/**
 * A call that may wait, followed by a `ping`: requests are handled in
 * order and a parked request's reply comes before the reply to whatever
 * woke it (docs/protocol.md, Ordering), so the ping answered while the call
 * is not means the call is parked. `parked` says so at once, where the
 * harness would otherwise wait out a grace period (settleWithin).
 */
function withParked<T>(answer: Promise<T>, connection: Connection): Promise<T> & Parked {
  return Object.assign(answer, { parked: askParked(answer, connection) });
}

/** Spawns the implementation and completes the handshake; on failure the process is disposed of. */
export async function createSubprocessImplementation(command: string, options: SubprocessOptions = {}): Promise<SubprocessImplementation> {
  const impl = new SubprocessImplementation(command, options);
  try {
    await impl.start();
  } catch (e) {
    await impl.dispose();
    throw e;
  }
  return impl;
}
