import { describe, expect, it } from 'vitest';
import { brokenCommand, cCommand, cli, parseReport } from './helpers';

describe('--exec: an allocator in another process', () => {
  it('the C allocator fixture conforms (families it lacks are UNSUPPORTED)', async () => {
    const r = await cli(['--exec', cCommand('correct'), '--budget', '0.2', '--reporter', 'json']);
    expect(r.stderr).toMatch(/CONFORMING/);
    expect(r.code).toBe(0);
    const report = parseReport(r);
    expect(report.results.some((x) => x.property === 'aix.placement' && x.status === 'PASS')).toBe(true);
    expect(report.results.every((x) => x.status === 'PASS' || x.status === 'UNSUPPORTED')).toBe(true);
  });

  it('its ignore-align build is rejected on the AIX alignment clause', async () => {
    const r = await cli(['--exec', cCommand('ignore-align'), '--property', 'aix.placement', '--seed', '3', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const [res] = parseReport(r).results;
    expect(res!.status).toBe('FAIL');
    expect(['d_alloc_dmamem.align-physical', 'd_alloc_dmamem.align']).toContain(res!.failure!.clause);
    expect(res!.failure!.replayCommand).toContain(`--exec '${cCommand('ignore-align')}'`);
  });
});

describe('--exec: misbehaving processes become BROKEN or TIMEOUT, and the suite goes on', () => {
  const selection = ['--property', 'aix.placement', '--property', 'aix.misuse', '--property', 'physcontig.placement', '--runs', '3'];

  it.each([
    ['error-reply.js', 'BROKEN'],
    ['exits.js', 'BROKEN'],
    ['wrong-id.js', 'BROKEN'],
    ['bad-types.js', 'BROKEN'],
    ['hangs.js', 'TIMEOUT'],
  ])('%s: the AIX properties are %s, all selected properties run, exit 1', async (script, status) => {
    const r = await cli(['--exec', brokenCommand(script), ...selection, '--timeout', '300', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    expect(report.results.map((x) => x.property)).toEqual(['aix.placement', 'physcontig.placement', 'aix.misuse']);
    // error-reply.js only fails d_map_init, so the SVR5 property may pass; the AIX ones cannot.
    for (const x of report.results.filter((y) => y.property.startsWith('aix.'))) {
      expect(x.status).toBe(status);
      expect(x.failure!.clause).toBeNull();
    }
  });

  it.each([
    ['garbage.js', /stdout line is not JSON/],
    ['bad-hello.js', /vms-dma/],
  ])('%s cannot even be handshaken: exit 2 with one line', async (script, message) => {
    const r = await cli(['--exec', brokenCommand(script)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dmaconform: --exec .*: cannot start the implementation: [^\n]*\n$/);
    expect(r.stderr).toMatch(message);
  });
});
