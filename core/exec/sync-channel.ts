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
const flag = new Int32Array(shared, 0, 4);
const bytes = new Uint8Array(shared, HEADER);
// The numbers of the requests written and not answered yet, oldest first: each reply is stamped with its request's.
const asked = [];
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
  Atomics.store(flag, 3, state === 1 ? (asked.shift() ?? -1) : -1);
  Atomics.notify(flag, 3);
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
  else { asked.push(m[0]); child.stdin.write(m[1] + '\\n'); }
});
`;

const BUFFER_BYTES = 16 << 20;
/** State, reply length, the process's id (its group's, too), and the number of the request the reply answers. */
const HEADER = 16;
const open = new Set<SyncChannel>();

export class SyncChannel {
  private readonly worker: Worker;
  private readonly flag: Int32Array;
  private readonly bytes: Uint8Array;
  private dead: string | null = null;
  private asked = 0;

  constructor(command: string, cwd: string, private readonly timeoutMs: number) {
    const shared = new SharedArrayBuffer(HEADER + BUFFER_BYTES);
    this.flag = new Int32Array(shared, 0, 4);
    this.bytes = new Uint8Array(shared, HEADER);
    this.worker = new Worker(`const HEADER = ${HEADER};\n${WORKER}`, { eval: true, workerData: { command, cwd, shared } });
    open.add(this);
    this.worker.unref();
  }

  /** Neither gone nor timed out: it can carry another request. */
  get alive(): boolean {
    return this.dead === null;
  }

  /**
   * Sends one line and waits for the line the process writes in answer.
   * Replies are matched to requests by number, not by timing: a wake-up that
   * finds an older reply in the buffer goes back to waiting.
   */
  request(line: string): string {
    if (this.dead !== null) throw new Error(this.dead);
    const number = ++this.asked;
    this.worker.postMessage([number, line]);
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const answered = Atomics.load(this.flag, 3);
      if (answered === number) break;
      if (Atomics.load(this.flag, 0) === 2) {
        this.dead = this.text();
        throw Object.assign(new Error(this.dead), { fatal: true });
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.flag, 3, answered, left) === 'timed-out') {
        if (Atomics.load(this.flag, 3) === number) break;
        this.dead = `no reply within ${this.timeoutMs} ms`;
        throw Object.assign(new Error(this.dead), { name: 'ImplementationTimeout' });
      }
    }
    return this.text();
  }

  private text(): string {
    return Buffer.from(this.bytes.subarray(0, Atomics.load(this.flag, 1))).toString('utf8');
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
