import { Worker } from 'node:worker_threads';

/**
 * A line-per-request conversation with a subprocess that the caller waits
 * for synchronously, so that a core in another language behaves like any
 * other (synchronous) core. A worker thread owns the process and its pipes;
 * the calling thread sleeps on a shared flag until the worker has put the
 * reply in shared memory.
 */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { command, cwd, shared } = workerData;
const flag = new Int32Array(shared, 0, 3);
const bytes = new Uint8Array(shared, HEADER);
const child = spawn(command, { shell: true, cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
Atomics.store(flag, 2, child.pid || 0);
let pending = '';
const answer = (state, text) => {
  const data = Buffer.from(text);
  if (data.length > bytes.length) { state = 2; text = 'reply too long'; }
  const out = state === 1 ? data : Buffer.from(text);
  bytes.set(out.subarray(0, bytes.length));
  Atomics.store(flag, 1, out.length);
  Atomics.store(flag, 0, state);
  Atomics.notify(flag, 0);
};
child.stdout.on('data', (chunk) => {
  pending += chunk.toString('utf8');
  let nl;
  while ((nl = pending.indexOf('\\n')) >= 0) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    answer(1, line);
  }
});
// The process's own complaints go into the error, not onto the suite's stderr.
let tail = '';
child.stderr.on('data', (chunk) => { tail = (tail + chunk.toString('utf8')).slice(-500); });
const last = () => { const lines = tail.trim().split('\\n'); return lines[lines.length - 1] ? ': ' + lines[lines.length - 1].trim() : ''; };
let gone = null;
const end = (text) => { if (gone === null) { gone = text; answer(2, text); } };
child.on('error', (e) => end('cannot start: ' + e.message));
child.on('close', (code, signal) => end('the process exited (' + (signal || code) + ')' + last()));
child.stdin.on('error', () => {});
parentPort.on('message', (m) => {
  if (m === null) { try { process.kill(-child.pid, 'SIGKILL'); } catch {} ; parentPort.close(); return; }
  if (gone !== null) answer(2, gone);
  else child.stdin.write(m + '\\n');
});
`;

const BUFFER_BYTES = 16 << 20;
/** State, reply length, and the process's id (its group's, too). */
const HEADER = 12;
const open = new Set<SyncChannel>();

export class SyncChannel {
  private readonly worker: Worker;
  private readonly flag: Int32Array;
  private readonly bytes: Uint8Array;
  private dead: string | null = null;

  constructor(command: string, cwd: string, private readonly timeoutMs: number) {
    const shared = new SharedArrayBuffer(HEADER + BUFFER_BYTES);
    this.flag = new Int32Array(shared, 0, 3);
    this.bytes = new Uint8Array(shared, HEADER);
    this.worker = new Worker(`const HEADER = ${HEADER};\n${WORKER}`, { eval: true, workerData: { command, cwd, shared } });
    open.add(this);
    this.worker.unref();
  }

  /** Neither gone nor timed out: it can carry another request. */
  get alive(): boolean {
    return this.dead === null;
  }

  /** Sends one line and waits for the next line the process writes. */
  request(line: string): string {
    if (this.dead !== null) throw new Error(this.dead);
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage(line);
    if (!this.awaitReply()) {
      this.dead = `no reply within ${this.timeoutMs} ms`;
      throw Object.assign(new Error(this.dead), { name: 'ImplementationTimeout' });
    }
    const text = Buffer.from(this.bytes.subarray(0, Atomics.load(this.flag, 1))).toString('utf8');
    if (Atomics.load(this.flag, 0) === 2) {
      this.dead = text;
      throw Object.assign(new Error(text), { fatal: true });
    }
    return text;
  }

  /**
   * Waits until the state says a reply is in. A wake-up alone proves
   * nothing: the notify of the previous reply may come late (its thread
   * was preempted between storing the state and notifying), after this
   * request has cleared the state, and would hand back the old reply.
   */
  private awaitReply(): boolean {
    const deadline = Date.now() + this.timeoutMs;
    while (Atomics.load(this.flag, 0) === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.flag, 0, 0, left);
    }
    return true;
  }

  close(): void {
    open.delete(this);
    this.worker.postMessage(null);
  }

  /**
   * The process groups of the channels not closed yet in this thread: a
   * thread that is stopped cannot close them, so whoever stops it ends them.
   */
  static openGroups(): number[] {
    return [...open].map((c) => Atomics.load(c.flag, 2)).filter((pid) => pid > 0);
  }
}
