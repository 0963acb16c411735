import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCCore } from '../../fixtures/external/c/build';
import { allProperties } from '../../properties';
import { cli, parseReport, ROOT } from '../cli/helpers';

const CORES = join(ROOT, 'fixtures', 'cores', 'c');
const quote = (path: string) => JSON.stringify(path);
/** The helper's replies to these request lines, one per line. */
const talk = (binary: string, ...requests: string[]) => spawnSync(binary, { input: requests.map((q) => `${q}\n`).join(''), encoding: 'utf8' }).stdout.trimEnd().split('\n');

describe('the core-protocol helper on the wire', () => {
  it('says in hello what the core defines: its name, core_memory, a declined boundary', () => {
    const hello = '{"op":"hello","protocol":1}';
    expect(talk(buildCCore(join(CORES, 'bitmap.c'), 'bitmap'), hello)).toEqual(['{"ok":true,"name":"bitmap"}']);
    expect(talk(buildCCore(join(CORES, 'arena-bitmap.c'), 'arena-bitmap'), hello)).toEqual(['{"ok":true,"name":"arena-bitmap","memory":true,"zero":true}']);
    expect(talk(buildCCore(join(CORES, 'bitmap-no-boundary.c'), 'bitmap-no-boundary'), hello)).toEqual(['{"ok":true,"name":"bitmap-no-boundary","boundary":false}']);
  });

  it('zeroes a range in one request, in the core\'s arena and beyond it, keeping nothing for a zeroed GiB', () => {
    // The arena covers the first 16 MiB of the range; the helper keeps the bytes above it.
    const [, ...replies] = talk(
      buildCCore(join(CORES, 'arena-bitmap.c'), 'arena-bitmap'),
      '{"op":"init","ranges":[{"base":"0x100000","length":"0x200000000"}],"pageSize":4096}',
      '{"op":"write","address":"0x100ffe","data":"0102030405"}',
      '{"op":"write","address":"0x100100ffe","data":"0102030405"}',
      '{"op":"zero","address":"0x101000","length":"0x100000000"}',
      '{"op":"read","address":"0x100ffe","length":5}',
      '{"op":"read","address":"0x100100ffe","length":5}',
      '{"op":"zero","address":"0x100fff","length":"0x1"}',
      '{"op":"read","address":"0x100ffe","length":2}',
    );
    expect(replies).toEqual(['{"ok":true}', '{"ok":true}', '{"ok":true}', '{"ok":true,"data":"0102000000"}', '{"ok":true,"data":"0000030405"}', '{"ok":true}', '{"ok":true,"data":"0100"}']);
    expect(talk(buildCCore(join(CORES, 'bitmap.c'), 'bitmap'), '{"op":"zero","address":"0x0","length":"0x1"}')).toEqual(['{"ok":false,"error":"zero: the core defines no core_memory"}']);
  });

  it('carries requests to the core and its answers back, and answers what it cannot read with an error', () => {
    const replies = talk(
      buildCCore(join(CORES, 'bitmap.c'), 'bitmap'),
      '{"op":"init","ranges":[{"base":"0xfff000","length":"0x5000"}],"pageSize":4096}',
      '{"op":"alloc","size":"0x1","align":"0x10000","boundary":"0x0","lowest":"0x0","highest":"0xffffffff"}',
      '{"op":"alloc","size":"0x5000","align":"0x1","boundary":"0x0","lowest":"0x0","highest":"0xffffffff"}',
      '{"op":"free","address":"0x1000000","size":"0x1"}',
      '{"op":"init","ranges":[],"pageSize":4096}',
      '{"op":"alloc","size":"0x1","align":"0x1","boundary":"0x0","lowest":"0x0","highest":"0xffffffff"}',
      '{"op":"alloc","size":1}',
      '{"op":"read","address":"0x1000000","length":1}',
      '{"op":"nope"}',
      'not json',
    );
    expect(replies.slice(0, 6)).toEqual(['{"ok":true}', '{"ok":true,"address":"0x1000000"}', '{"ok":true,"address":null}', '{"ok":true}', '{"ok":true}', '{"ok":true,"address":null}']);
    expect(replies.slice(6).map((l) => JSON.parse(l) as { ok: boolean; error: string })).toEqual([
      { ok: false, error: 'alloc: missing or mistyped arguments' },
      { ok: false, error: 'read: the core defines no core_memory' },
      { ok: false, error: 'nope: unknown op' },
      { ok: false, error: expect.stringMatching(/^request: /) },
    ]);
  });
});

describe('placement-core mode in C: a core linked with the core-protocol helper runs through --core-exec', () => {
  it('the bitmap core conforms on every property of every family', async () => {
    const binary = buildCCore(join(CORES, 'bitmap.c'), 'bitmap');
    const r = await cli(['--core-exec', quote(binary), '--budget', '0.3', '--seed', '31', '--reporter', 'json']);
    const report = parseReport(r);
    expect(report.implementation).toBe('core bitmap');
    expect(report.results.filter((x) => x.status !== 'PASS').map((x) => `${x.property}: ${x.status} ${x.failure?.message}`)).toEqual([]);
    expect(report.results.length).toBe(allProperties().length);
    expect(r.code).toBe(0);
    // The suite's shell serves it: properties only the shell answers for are marked.
    const reasons = new Map(report.results.map((x) => [x.property, (x as { reason?: string }).reason]));
    expect(reasons.get('aix.contexts')).toMatch(/supplied by the shell/);
    expect(reasons.get('physcontig.placement')).toBeUndefined();
  });

  it('the same core with the alignment dropped is rejected with the alignment clause of each family', async () => {
    const binary = buildCCore(join(CORES, 'mutants', 'ignores-align.c'), 'bitmap-ignores-align');
    const r = await cli(['--core-exec', quote(binary), '--property', 'aix.placement', '--property', 'physcontig.placement', '--property', 'physreq.placement', '--seed', '32', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(parseReport(r).results.map((x) => [x.property, x.status, x.failure?.clause])).toEqual([
      ['aix.placement', 'FAIL', 'd_alloc_dmamem.align-physical'],
      ['physcontig.placement', 'FAIL', 'kmem_alloc_physcontig.alignment'],
      ['physreq.placement', 'FAIL', 'kmem_alloc_physreq.constraints'],
    ]);
  });

  it('a core that declines boundaries (core_supports_boundary) is never handed one, and conforms', async () => {
    const binary = buildCCore(join(CORES, 'bitmap-no-boundary.c'), 'bitmap-no-boundary');
    const r = await cli(['--core-exec', quote(binary), '--property', '*.placement', '--property', '*.physreq-fields-each', '--budget', '0.3', '--seed', '34', '--reporter', 'json']);
    expect(parseReport(r).results.filter((x) => x.status !== 'PASS').map((x) => `${x.property}: ${x.failure?.message}`)).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('a C core that keeps its own bytes (core_memory)', () => {
  it('conforms, the suite reading and writing its arena', async () => {
    const binary = buildCCore(join(CORES, 'arena-bitmap.c'), 'arena-bitmap');
    const r = await cli(['--core-exec', quote(binary), '--property', '*.placement', '--property', '*.interleaving', '--property', '*.threads', '--budget', '0.3', '--seed', '33', '--reporter', 'json']);
    expect(parseReport(r).results.filter((x) => x.failure !== undefined).map((x) => x.failure!.message)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("writing into a live neighbour's bytes on free is caught as corrupted data", async () => {
    const binary = buildCCore(join(CORES, 'mutants', 'scribbles-on-free.c'), 'scribbles-on-free');
    const r = await cli(['--core-exec', quote(binary), '--property', 'aix.interleaving', '--property', 'physreq.interleaving', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    expect(parseReport(r).results.map((x) => x.failure?.clause)).toEqual(['dma.data-integrity', 'dma.data-integrity']);
  });
});
