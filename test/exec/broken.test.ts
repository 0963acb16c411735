import { afterEach, describe, expect, it } from 'vitest';
import { KM_SLEEP } from '../../spec/constants/svr5';
import { isContractViolation } from '../../spec/errors';
import {
  ImplementationBroken,
  ImplementationTimeout,
  SubprocessImplementation,
  createSubprocessImplementation,
  type SubprocessOptions,
} from '../../cli/exec';
import { brokenCommand, config, exists, ram, vanished } from './helpers';
import { cli, parseReport } from '../cli/helpers';

const started: SubprocessImplementation[] = [];

afterEach(async () => {
  const all = started.splice(0);
  await Promise.all(all.map((i) => i.dispose()));
  for (const i of all) if (i.pid !== undefined) expect(await vanished(-i.pid)).toBe(true);
});

async function start(script: string, options: SubprocessOptions = {}): Promise<SubprocessImplementation> {
  const impl = new SubprocessImplementation(brokenCommand(script), { timeoutMs: 2000, ...options });
  started.push(impl);
  await impl.start();
  return impl;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected a rejection');
  return e;
}

const SETUP = config([ram(0n, 0x100000n)]);

describe('SubprocessImplementation against broken implementations', () => {
  it('a banner on stdout fails the handshake as not JSON', async () => {
    const e = await failure(start('garbage.js'));
    expect(e).toBeInstanceOf(ImplementationBroken);
    expect(e.message).toMatch(/stdout line is not JSON.*Welcome to my allocator!/);
  });

  it('an unknown family fails the handshake', async () => {
    const e = await failure(createSubprocessImplementation(brokenCommand('bad-hello.js'), { timeoutMs: 2000 }));
    expect(e).toBeInstanceOf(ImplementationBroken);
    expect(e.message).toMatch(/family "vms-dma" is not one of/);
  });

  it('a reply with an id never sent ends the session', async () => {
    const impl = await start('wrong-id.js');
    const e = await failure(impl.setup(SETUP));
    expect(e).toBeInstanceOf(ImplementationBroken);
    expect(e.message).toMatch(/reply for unknown request id 1002/);
    expect(await failure(impl.setup(SETUP))).toBeInstanceOf(ImplementationBroken);
  });

  it('an exit mid-session rejects everything in flight with the exit code and stderr', async () => {
    const impl = await start('exits.js');
    await impl.setup(SETUP);
    const inFlight = [1, 2, 3].map((bid) => failure(impl.d_map_init!('process', bid, 0, 0, 0)));
    for (const [i, e] of (await Promise.all(inFlight)).entries()) {
      expect(e).toBeInstanceOf(ImplementationBroken);
      // Each call in flight is named in its own rejection, not the first call of the session.
      expect(e.message).toMatch(new RegExp(`^SubprocessImplementation: d_map_init \\(request ${i + 3}\\): process .* exited with code 3`));
      expect(e.message).toMatch(/exits\.js: cannot go on/);
    }
    const later = (await failure(impl.translate(0x1000n, 1n))).message;
    expect(later).toMatch(/^SubprocessImplementation: translate: the session had already ended during d_map_init \(request 3\), d_map_init \(request 4\), d_map_init \(request 5\): .*exited with code 3/);
  });

  it('a process flooding stdout without a newline is broken, with that reason, once the line limit is passed', async () => {
    const impl = await start('floods.js', { maxLineLength: 4 * 1024 * 1024 });
    const e = await failure(impl.setup(SETUP));
    expect(e).toBeInstanceOf(ImplementationBroken);
    expect(e.message).toMatch(/^SubprocessImplementation: setup \(request 2\): stdout reached \d+ characters without a newline \(limit 4194304\)/);
    // The stderr tail quoted is bounded however much was written.
    const tail = /stderr \(last (\d+) characters\)/.exec(e.message);
    if (tail) expect(Number(tail[1])).toBeLessThanOrEqual(2000);
    expect(e.message.length).toBeLessThan(4000);
  });

    it('a command that cannot run is reported with the shell\'s complaint', async () => {
    const e = await failure(createSubprocessImplementation('dmaconform-no-such-command-here', { timeoutMs: 2000 }));
    expect(e).toBeInstanceOf(ImplementationBroken);
    expect(e.message).toMatch(/exited with code 127/);
    expect(e.message).toMatch(/not found/);
  });

  it('silence becomes ImplementationTimeout, and dispose kills a process that ignores SIGTERM and EOF', async () => {
    const impl = await start('hangs.js', { timeoutMs: 150, killGraceMs: 50 });
    const e = await failure(impl.setup(SETUP));
    expect(e).toBeInstanceOf(ImplementationTimeout);
    expect(e.message).toMatch(/setup \(request 2\) got no reply within 150 ms/);
    const pid = impl.pid!;
    expect(exists(pid)).toBe(true);
    const t0 = Date.now();
    await impl.dispose();
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(exists(pid)).toBe(false);
  });

  it('a KM_SLEEP request is not timed out unless asked for', async () => {
    const impl = await start('hangs.js', { timeoutMs: 100, blockingTimeoutMs: 300, killGraceMs: 20 });
    const t0 = Date.now();
    const e = await failure(impl.kmem_alloc_physcontig!('user', 0x1000n, 1, KM_SLEEP));
    expect(e).toBeInstanceOf(ImplementationTimeout);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it.each([
    ['d_map_init', (i: SubprocessImplementation) => i.d_map_init!('process', 0, 0, 0, 0), /handle 0 is neither a positive integer nor -1/],
    ['d_alloc_dmamem', (i: SubprocessImplementation) => i.d_alloc_dmamem!('process', 1, 0x1000n, 12), /address 42 is not a 0x-hex string/],
    ['kmem_alloc_physcontig', (i: SubprocessImplementation) => i.kmem_alloc_physcontig!('user', 0x1000n, 1, 1), /address 0x10000000000000000 is above 2\^64-1/],
    ['translate', (i: SubprocessImplementation) => i.translate(0x1000n, 0x1000n), /segment 0 length 4096 is not a 0x-hex string/],
    ['read', (i: SubprocessImplementation) => i.read(0x1000n, 2), /bytes "abc" are not pairs of hex digits/],
    ['physreq_prep', (i: SubprocessImplementation) => i.physreq_prep!('user', 1, 1), /"yes" is not true or false/],
    ['physreq_alloc', (i: SubprocessImplementation) => i.physreq_alloc!('user', 1), /has no boolean ok/],
  ] as const)('a wrongly typed %s result is ImplementationBroken and ends the session', async (op, call, pattern) => {
    const impl = await start('bad-types.js');
    const e = await failure(call(impl));
    expect(e).toBeInstanceOf(ImplementationBroken);
    expect(e.message).toMatch(pattern);
    if (op !== 'physreq_alloc') expect(e.message).toContain(`${op} (request 2)`);
    // A later call names itself and the call the session died in.
    const later = (await failure(impl.setup(SETUP))).message;
    expect(later).toMatch(new RegExp(`^SubprocessImplementation: setup: the session had already ended( during ${op} \\(request 2\\))?: `));
    expect(later).toMatch(pattern);
    expect(later).toContain(`${op} (request 2)`);
  });

  it('an error reply fails that call only; a violation reply carries its clause', async () => {
    const impl = await start('error-reply.js');
    const broken = await failure(impl.d_map_init!('process', 0, 0, 0, 0));
    expect(broken).toBeInstanceOf(ImplementationBroken);
    expect(broken.message).toMatch(/d_map_init \(request 2\) failed in the implementation: d_map_init: handle table corrupted/);
    const violation = await failure(impl.d_alloc_dmamem!('process', 1, 0n, 12));
    expect(isContractViolation(violation)).toBe(true);
    expect((violation as Error & { clause: string }).clause).toBe('d_alloc_dmamem.size-zero');
    expect(violation.message).toBe('d_alloc_dmamem: size is 0 [d_alloc_dmamem.size-zero]');
    await impl.setup(SETUP);
  });

  it('refuses calls before the handshake, and dispose is idempotent', async () => {
    const impl = new SubprocessImplementation(brokenCommand('hangs.js'), { killGraceMs: 20 });
    started.push(impl);
    expect((await failure(impl.setup(SETUP))).message).toMatch(/setup before start\(\) completed the handshake/);
    await Promise.all([impl.dispose(), impl.dispose()]);
    expect(exists(impl.pid!)).toBe(false);
  });

  it('a process that exits mid-run is BROKEN in the report, whose message carries the stderr tail and whose trace ends with the call it died in', async () => {
    const r = await cli(['--exec', brokenCommand('exits.js'), '--property', 'physcontig.placement', '--property', 'physcontig.completeness', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    expect(report.results).toHaveLength(2);
    for (const x of report.results) {
      expect(x.status).toBe('BROKEN');
      expect(x.strength).toBe('MUST');
      expect(x.failure!.message).toMatch(/exited with code 3/);
      expect(x.failure!.message).toMatch(/stderr \(last \d+ characters\):\nexits\.js: cannot go on/);
      expect(x.failure!.trace.at(-1)).toMatch(/-> threw$/);
    }
  });
});
