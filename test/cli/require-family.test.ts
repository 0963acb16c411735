import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allProperties } from '../../properties';
import { FAMILIES } from '../../spec/interface/implementation';
import { cli, parseReport } from './helpers';

/** The example serves aix and svr5-physcontig only. */
const EXAMPLE = ['--impl', 'fixtures/examples/my-allocator.ts', '--budget', '0.05', '--seed', '1'];
const needing = (family: string) => allProperties().filter((p) => p.families.includes(family as never)).length;
const unsupported = allProperties().filter((p) => p.families.some((f) => f === 'svr5-physreq' || f === 'svr5-phys' || f === 'linux')).length;
const total = allProperties().length;
const summary = `${total} properties: ${total - unsupported} judged (${total - unsupported} PASS, 0 FAIL, 0 TIMEOUT, 0 BROKEN), ${unsupported} UNSUPPORTED (families not served: svr5-physreq, svr5-phys, linux)`;

const tmp = () => mkdtempSync(join(tmpdir(), 'dmaconform-families-'));

describe('what a run judged: the summary counts judged and UNSUPPORTED properties and names the families not served', () => {
  it('without a requirement the unjudged families pass the gate, but the summary and the closing line say so', async () => {
    const r = await cli(EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`\n${summary}\nCONFORMING\n`);
    expect(r.stdout).toContain(`next: ${unsupported} properties were not judged, as the implementation does not declare svr5-physreq, svr5-phys, linux; a CI gate can demand a family with --require-family`);
  });
});

describe('--require-family', () => {
  it('a required family the implementation does not serve fails the gate with a clear line', async () => {
    const r = await cli([...EXAMPLE, '--require-family', 'aix,svr5-physreq']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`\n${summary}\nNOT CONFORMING: the required svr5-physreq family was not judged: the implementation does not serve it\n`);
    const json = parseReport(await cli([...EXAMPLE, '--require-family', 'svr5-physreq', '--require-family', 'svr5-phys', '--reporter', 'json']));
    expect(json.gate).toMatchObject({ passed: false, exitCode: 1, regressions: [], unjudgedFamilies: ['svr5-physreq', 'svr5-phys', 'linux'], missingRequiredFamilies: ['svr5-physreq', 'svr5-phys'] });
    expect(needing('svr5-physreq')).toBeGreaterThan(0);
  });

  it('families the implementation serves pass', async () => {
    const r = await cli([...EXAMPLE, '--require-family', 'aix,svr5-physcontig', '--reporter', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`dmaconform: ${summary}: CONFORMING\n`);
  });

  it('the reference serves every family the suite knows', async () => {
    const r = await cli(['--runs', '1', '--seed', '2', '--require-family', FAMILIES.join(','), '--reporter', 'json']);
    expect(r.code).toBe(0);
    expect(parseReport(r).gate).toMatchObject({ passed: true, unjudgedFamilies: [], missingRequiredFamilies: [] });
  });

  it('an unknown family, or one the selection does not check, is bad input: exit 2, one line', async () => {
    const unknown = await cli([...EXAMPLE, '--require-family', 'aix,bsd']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`dmaconform: --require-family: 'bsd' is not a family (one of ${FAMILIES.join(', ')})\n`);
    const unchecked = await cli([...EXAMPLE, '--property', 'aix.*', '--require-family', 'svr5-phys']);
    expect(unchecked.code).toBe(2);
    expect(unchecked.stderr).toBe('dmaconform: --require-family svr5-phys: no selected property checks the svr5-phys family\n');
  });

  it('requireFamilies in an expectations file gates the same way, and --update-expectations keeps it', async () => {
    const file = join(tmp(), 'expected.json');
    writeFileSync(file, JSON.stringify({ requireFamilies: ['svr5-phys'] }));
    const r = await cli([...EXAMPLE, '--expectations', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT CONFORMING: the required svr5-phys family was not judged/);
    await cli([...EXAMPLE, '--expectations', file, '--update-expectations']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ requireFamilies: ['svr5-phys'] });
    writeFileSync(file, JSON.stringify({ requireFamilies: ['svr5'] }));
    const bad = await cli([...EXAMPLE, '--expectations', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dmaconform: --expectations .*: requireFamilies: 'svr5' is not a family/);
  });

  it('merge applies the requirement to the shards\' results', async () => {
    const dir = tmp();
    for (const k of [1, 2]) await cli([...EXAMPLE, '--shard', `${k}/2`, '--reporter', 'json', '--out', join(dir, `${k}.json`)]);
    const shards = [join(dir, '1.json'), join(dir, '2.json')];
    expect((await cli(['merge', ...shards])).code).toBe(0);
    const gated = await cli(['merge', ...shards, '--require-family', 'svr5-physreq']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toMatch(/NOT CONFORMING: the required svr5-physreq family was not judged/);
  });
});
