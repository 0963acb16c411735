import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractViolation } from '../../spec/errors';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { Driver } from '../../properties/harness/driver';
import { guardExits } from '../../properties/harness/exit-guard';
import { ImplementationCrash, ImplementationHang, PropertyOverrun } from '../../properties/harness/failures';
import { settleWithin } from '../../properties/harness/settle';
import { Trace } from '../../properties/harness/trace';
import { IntervalIndex } from '../../properties/oracle/interval-index';
import { patternProbes } from '../../properties/oracle/pattern';

/** A stand-in implementation whose d_alloc_dmamem does whatever the test says. */
function fake(d_alloc_dmamem: DmaImplementation['d_alloc_dmamem']): DmaImplementation {
  return { name: 'fake', families: ['aix'], setup() {}, translate: () => [], read: () => new Uint8Array(), write() {}, d_alloc_dmamem };
}

const timing = { timeoutMs: 50, graceMs: 10, wakeMs: 500 };

describe('Driver', () => {
  it('turns a thrown ContractViolation into a violation outcome and traces it', async () => {
    const trace = new Trace();
    const d = new Driver(fake(() => { throw new ContractViolation('d_alloc_dmamem', 'd_alloc_dmamem.size-zero', 'size 0'); }), trace, timing);
    const o = await d.call('d_alloc_dmamem', 'process', [1, 0n, 0]);
    expect(o).toMatchObject({ kind: 'violation', clause: 'd_alloc_dmamem.size-zero' });
    expect(trace.toLines()).toEqual(['[process] d_alloc_dmamem(1, 0x0, 0) -> violation d_alloc_dmamem.size-zero']);
  });

  it('treats any other throw, sync or async, as a crash', async () => {
    const d = new Driver(fake(() => { throw new TypeError('boom'); }), new Trace(), timing);
    await expect(d.call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toBeInstanceOf(ImplementationCrash);
    const e = new Driver(fake(() => Promise.reject(new Error('later'))), new Trace(), timing);
    await expect(e.call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toThrow(/later/);
  });

  it('reports a call that never answers as a hang, or as pending when it may wait', async () => {
    const never = fake(() => new Promise<bigint | null>(() => {}));
    await expect(new Driver(never, new Trace(), timing).call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toBeInstanceOf(ImplementationHang);
    const o = await new Driver(never, new Trace(), timing).call('d_alloc_dmamem', 'process', [1, 1n, 0], true);
    expect(o.kind).toBe('pending');
  });

  it('asks a call past its grace period whether it is parked (probe), and waits out one that is only slow', async () => {
    const late = (ms: number, probe?: () => Promise<boolean>) =>
      fake(() => Object.assign(new Promise<bigint>((r) => setTimeout(() => r(0x1000n), ms)), probe === undefined ? {} : { probe }));
    const slow = () => new Promise<boolean>(() => undefined);
    const call = (impl: DmaImplementation) => new Driver(impl, new Trace(), timing).call('d_alloc_dmamem', 'process', [1, 1n, 0], true);
    // Slower than the grace period, faster than the timeout: an answer when the process can say it is not parked.
    expect(await call(late(25, slow))).toMatchObject({ kind: 'value', value: 0x1000n });
    expect((await call(late(25))).kind).toBe('pending');
    expect((await call(late(25, () => Promise.resolve(true)))).kind).toBe('pending');
    // Past the timeout it is waiting, as without a probe.
    expect((await call(late(200, slow))).kind).toBe('pending');
  });

  it('treats an answer that is not even of its type as a crash, not a value for a clause to judge', async () => {
    for (const garbage of ['0x1000', 4096, -1n, 1n << 64n, {}]) {
      const d = new Driver(fake(() => garbage as unknown as bigint), new Trace(), timing);
      await expect(d.call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toThrow(/not an address/);
    }
    expect(await new Driver(fake(() => (1n << 64n) - 1n), new Trace(), timing).call('d_alloc_dmamem', 'process', [1, 1n, 0])).toMatchObject({ kind: 'value' });
  });

  it('turns process.exit inside a call, sync or in what the call scheduled, into a crash, and lets any other exit through', async () => {
    const before = process.exit;
    const exits: unknown[] = [];
    // Stands in for the real exit, so that the exit let through does not end the test run.
    process.exit = ((code?: number) => void exits.push(code)) as typeof process.exit;
    const release = guardExits();
    try {
      const sync = new Driver(fake(() => process.exit(0)), new Trace(), timing);
      await expect(sync.call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toThrow(/called process\.exit\(0\)/);
      // The allocator swallows the error and answers later: the exit is still its crash.
      const swallowed = fake(async () => {
        await new Promise((r) => setTimeout(r, 1));
        try {
          process.exit(7);
        } catch {
          // ignored on purpose
        }
        return 0x1000n;
      });
      await expect(new Driver(swallowed, new Trace(), timing).call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toThrow(/process\.exit\(7\)/);
      process.exit(130);
      expect(exits).toEqual([130]);
    } finally {
      release();
      process.exit = before;
    }
  });

  it('stops a run at the first call past its deadline', async () => {
    const d = new Driver(fake(() => 0x1000n), new Trace(), timing);
    d.deadline = Date.now() - 1;
    await expect(d.call('d_alloc_dmamem', 'process', [1, 1n, 0])).rejects.toBeInstanceOf(PropertyOverrun);
  });

  it('keeps 64-bit results exact in the trace', async () => {
    const trace = new Trace();
    await new Driver(fake(() => 0xffff888000000001n), trace, timing).call('d_alloc_dmamem', 'process', [1, 1n, 0]);
    expect(trace.toLines()[0]).toContain('-> 0xffff888000000001');
  });
});

describe('settleWithin', () => {
  it('tells fulfilled, rejected and pending apart', async () => {
    expect(await settleWithin(Promise.resolve(3), 5)).toEqual({ state: 'fulfilled', value: 3 });
    expect((await settleWithin(Promise.reject(new Error('x')), 5)).state).toBe('rejected');
    expect(await settleWithin(new Promise(() => {}), 5)).toEqual({ state: 'pending' });
  });
});

describe('Trace', () => {
  it('summarises a quiet stretch, but shows its last calls when it fails', async () => {
    const t = new Trace();
    await t.quietly(async () => { t.add('a'); t.add('b'); return 2; }, (n) => `(${n} calls)`);
    expect(t.toLines()).toEqual(['(2 calls)']);
    await expect(t.quietly(async () => { for (const x of ['1', '2', '3', '4']) t.add(x); throw new Error('no'); }, () => 'never')).rejects.toThrow('no');
    expect(t.toLines()).toEqual(['(2 calls)', '  ...', '2', '3', '4']);
  });
});

describe('IntervalIndex', () => {
  it('finds a collision exactly when a brute-force scan does', () => {
    const range = fc.record({ start: fc.bigInt({ min: 0n, max: 200n }), length: fc.bigInt({ min: 1n, max: 20n }) });
    fc.assert(
      fc.property(fc.array(range, { maxLength: 30 }), range, (ranges, probe) => {
        const idx = new IntervalIndex<number>();
        const kept: { start: bigint; length: bigint }[] = [];
        const hits = (r: { start: bigint; length: bigint }, k: { start: bigint; length: bigint }) => r.start < k.start + k.length && k.start < r.start + r.length;
        ranges.forEach((r, i) => {
          if (idx.collision(r) !== undefined) return;
          idx.add(r, i);
          kept.push(r);
        });
        expect(idx.collision(probe) !== undefined).toBe(kept.some((k) => hits(probe, k)));
      }),
    );
  });
});

describe('patternProbes', () => {
  it('writes disjoint probes inside the allocation', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 20n }), fc.nat({ max: 1000 }), (size, id) => {
        const probes = patternProbes(id, size, 4096n);
        for (const [i, p] of probes.entries()) {
          expect(p.offset + BigInt(p.bytes.length)).toBeLessThanOrEqual(size);
          if (i > 0) expect(p.offset).toBeGreaterThanOrEqual(probes[i - 1]!.offset + BigInt(probes[i - 1]!.bytes.length));
        }
      }),
    );
  });
});
