import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { show } from './codec';
import { ImplementationBroken, ImplementationTimeout } from './errors';
import { LineReader } from './line-reader';
import type { ConnectionOptions, RequestOptions } from './options';
import { killGroup, spawnInGroup } from './process-group';
import { parseReply, rejectionFor } from './reply';
import { StderrTail } from './stderr-tail';
import { settleWithin } from './timers';
import { encodeRequest, type WireArgs, type WireOp, type WireReply } from './wire';

interface Pending {
  readonly op: WireOp;
  readonly decode: (raw: unknown) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

const NAME = 'SubprocessImplementation';

/**
 * The longest reply line read, in characters: far above any honest reply
 * (a translate of a large scattered area is well under a megabyte) and
 * small enough that a process flooding stdout costs the harness little.
 */
export const DEFAULT_MAX_LINE = 8 * 1024 * 1024;

/**
 * One running implementation process and the requests in flight to it.
 * Replies are matched to requests by id, so they may come in any order.
 * Any breach of the protocol ends the session: every request in flight and
 * every later one rejects with ImplementationBroken, and the process is killed.
 */
export class Connection {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  /** Requests that timed out: a late reply to one is dropped, not a breach. */
  private readonly abandoned = new Set<number>();
  private readonly stderr = new StderrTail(2000);
  private readonly lines: LineReader;
  private readonly exited: Promise<void>;
  private readonly timeoutMs: number;
  private readonly blockingTimeoutMs: number | undefined;
  private readonly killGraceMs: number;
  readonly handshakeTimeoutMs: number;
  private nextId = 1;
  private outbox: string[] = [];
  private flushScheduled = false;
  private failure: string | null = null;
  /** The calls that were in flight when the session failed, for the messages of any later call. */
  private failedDuring = '';
  private closed = false;
  /** A request went unanswered past its deadline: the process may be stuck, so it serves no further property. */
  private timedOut = false;
  private disposing: Promise<void> | null = null;

  constructor(
    readonly command: string,
    options: ConnectionOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.blockingTimeoutMs = options.blockingTimeoutMs;
    this.killGraceMs = options.killGraceMs ?? 200;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? Math.max(this.timeoutMs, 10_000);
    const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
    this.lines = new LineReader(
      maxLineLength,
      (line) => this.onLine(line),
      (length) => this.fail(`${NAME}: stdout reached ${length} characters without a newline (limit ${maxLineLength})`),
    );
    this.child = spawnInGroup(command, options.cwd, options.env);
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        this.closed = true;
        this.onClose(code, signal);
        resolve();
      });
      this.child.once('error', (e) => {
        this.fail(`${NAME}: could not run '${command}': ${e.message}`);
        if (this.child.pid === undefined) resolve();
      });
    });
    this.child.stdout.setEncoding('utf8');
    // LineReader drops what arrives once the session has failed or is being shut down.
    this.child.stdout.on('data', (chunk: string) => this.lines.push(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr.push(chunk);
      options.onStderr?.(chunk);
    });
    // Writing to a process that died raises EPIPE here; its exit is reported through 'close'.
    this.child.stdin.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Alive, never broke the protocol, never missed a deadline: fit to serve another property. */
  get sound(): boolean {
    return this.failure === null && this.disposing === null && !this.closed && !this.timedOut;
  }

  /**
   * Gives up on every request still in flight (KM_SLEEP calls left parked
   * when a property ended): their promises never settle, and a late reply
   * to one is dropped, as after a timeout.
   */
  abandonInFlight(): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      this.abandoned.add(id);
    }
    this.pending.clear();
  }

  /** Sends one request; resolves with the decoded result, rejects as the reply (or its absence) says. */
  request<T>(op: WireOp, args: WireArgs, decode: (raw: unknown) => T, options: RequestOptions = {}): Promise<T> {
    if (this.failure !== null) return Promise.reject(new ImplementationBroken(`${NAME}: ${op}: the session had already ended${this.failedDuring}: ${this.failure}`));
    if (this.disposing !== null) return Promise.reject(new Error(`${NAME}: ${op} after dispose()`));
    const id = this.nextId++;
    const line = encodeRequest(id, op, args);
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { op, decode, resolve: resolve as (value: unknown) => void, reject };
      const limit = options.timeoutMs ?? (options.mayBlock === true ? this.blockingTimeoutMs : this.timeoutMs);
      if (limit !== undefined && Number.isFinite(limit)) entry.timer = setTimeout(() => this.onTimeout(id, limit), limit);
      this.pending.set(id, entry);
      this.send(line);
    });
  }

  /**
   * Ends the session: asks the process to shut down, kills its process group
   * after the grace period whatever it did, and waits for it to be gone.
   * Requests still in flight (a KM_SLEEP call that never got memory) are
   * abandoned: their promises never settle, as such a call never returns.
   */
  dispose(): Promise<void> {
    if (this.disposing === null) this.lines.stop();
    this.disposing ??= this.shutDown();
    return this.disposing;
  }

  private async shutDown(): Promise<void> {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    if (!this.closed && this.failure === null) {
      this.outbox.push(encodeRequest(this.nextId++, 'shutdown', {}));
      this.flush();
      this.child.stdin.end();
      await settleWithin(this.exited, this.killGraceMs);
    }
    killGroup(this.child);
    await settleWithin(this.exited, 2000);
  }

  private send(line: string): void {
    this.outbox.push(line);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Requests issued in one turn of the event loop go out in one write.
    process.nextTick(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outbox.length === 0 || this.failure !== null || this.child.stdin.destroyed || this.child.stdin.writableEnded) return;
    const text = this.outbox.join('');
    this.outbox = [];
    this.child.stdin.write(text);
  }

  private onLine(line: string): void {
    if (this.failure !== null || this.disposing !== null) return;
    let reply: WireReply;
    try {
      reply = parseReply(line);
    } catch (e) {
      this.fail(`${NAME}: ${(e as Error).message}`);
      return;
    }
    const entry = this.pending.get(reply.id);
    if (entry === undefined) {
      if (this.abandoned.delete(reply.id)) return;
      this.fail(`${NAME}: reply for unknown request id ${reply.id}: ${show(line)}`);
      return;
    }
    this.pending.delete(reply.id);
    clearTimeout(entry.timer);
    this.settle(entry, reply);
  }

  private settle(entry: Pending, reply: WireReply): void {
    if (reply.kind !== 'result') {
      entry.reject(rejectionFor(entry.op, reply, this.stderr.describe()));
      return;
    }
    try {
      entry.resolve(entry.decode(reply.result));
    } catch (e) {
      this.fail(`${NAME}: ${entry.op} (request ${reply.id}): wrong result: ${(e as Error).message}`);
      entry.reject(new ImplementationBroken(this.failure!));
    }
  }

  private onTimeout(id: number, limit: number): void {
    const entry = this.pending.get(id);
    if (entry === undefined) return;
    this.pending.delete(id);
    this.abandoned.add(id);
    this.timedOut = true;
    entry.reject(new ImplementationTimeout(`${NAME}: ${entry.op} (request ${id}) got no reply within ${limit} ms`, entry.op, limit));
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.disposing !== null) return;
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
    const rest = this.lines.rest === '' ? '' : ` after an unterminated stdout line ${show(this.lines.rest)}`;
    this.fail(`${NAME}: process '${this.command}' ${how}${rest}`);
  }

  /** Ends the session for good: rejects everything in flight and kills the process. */
  private fail(message: string): void {
    if (this.failure !== null) return;
    this.failure = message + this.stderr.describe();
    this.lines.stop();
    // Each call in flight is named in its own rejection: the report must say which call the session died in.
    const inFlight = [...this.pending].map(([id, entry]) => `${entry.op} (request ${id})`);
    this.failedDuring = inFlight.length === 0 ? '' : ` during ${inFlight.join(', ')}`;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      const own = `${NAME}: ${entry.op} (request ${id})`;
      entry.reject(new ImplementationBroken(this.failure.startsWith(own) ? this.failure : `${own}: ${this.failure.replace(`${NAME}: `, '')}`));
    }
    this.pending.clear();
    this.outbox = [];
    killGroup(this.child);
  }
}
