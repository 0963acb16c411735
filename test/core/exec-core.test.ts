import { describe, expect, it } from 'vitest';
import { cli, parseReport } from '../cli/helpers';

const FIRST_FIT = 'node fixtures/cores/exec/first-fit.js';
/** Answers hello and init, then dies on the first alloc. */
const DIES = `node -e "require('readline').createInterface({ input: process.stdin }).on('line', (l) => { if (JSON.parse(l).op === 'alloc') process.exit(9); process.stdout.write(JSON.stringify({ ok: true, name: 'dies' }) + '\\\\n'); })"`;

describe('--core-exec: a placement core in any language, over the core protocol', () => {
  it('a core process conforms through the shell, with the same notes as --core', async () => {
    const r = await cli(['--core-exec', FIRST_FIT, '--property', 'aix.*', '--property', 'physreq.placement', '--property', 'phys.interleaving', '--budget', '0.3', '--seed', '41', '--reporter', 'json']);
    const report = parseReport(r);
    expect(report.implementation).toBe('core first-fit-exec');
    expect(report.results.filter((x) => x.status !== 'PASS').map((x) => x.failure?.message)).toEqual([]);
    expect((report.results.find((x) => x.property === 'aix.contexts') as { reason?: string }).reason).toMatch(/supplied by the shell/);
    expect(r.code).toBe(0);
  });

  it('a core process that dies mid-run is BROKEN with its exit status, and the run goes on', async () => {
    const r = await cli(['--core-exec', DIES, '--property', 'aix.placement', '--property', 'physcontig.placement', '--runs', '3', '--seed', '1', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const results = parseReport(r).results;
    expect(results.map((x) => x.status)).toEqual(['BROKEN', 'BROKEN']);
    expect(results[0]!.failure!.message).toMatch(/the process exited \(9\)/);
  });

  it('one core process serves property after property at --jobs 1; a dead one is replaced', async () => {
    const args = ['--property', 'aix.placement', '--property', 'physcontig.placement', '--runs', '3', '--jobs', '1', '--reporter', 'json'];
    // The main thread's check of the command starts one; the worker starts the one the properties share.
    const healthy = parseReport(await cli(['--core-exec', FIRST_FIT, ...args]));
    expect(healthy.summary.PASS).toBe(2);
    expect(healthy.processStarts).toMatchObject({ processes: 2 });
    const dying = parseReport(await cli(['--core-exec', DIES, ...args]));
    expect(dying.processStarts).toMatchObject({ processes: 3 });
  });

  it.each([
    ['a command that cannot run', ['--core-exec', 'no-such-dmaconform-core'], /cannot start the core: the process exited \(127\).*not found/],
    ['--core-exec with --core', ['--core', 'fixtures/cores/first-fit.ts', '--core-exec', FIRST_FIT], /--core and --core-exec cannot be combined/],
    ['an empty command', ['--core-exec', ' '], /--core-exec needs a command line/],
  ])('bad input: %s is exit 2 with one line', async (_, argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dmaconform: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
  });
});
