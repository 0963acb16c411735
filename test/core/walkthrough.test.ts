import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseReport } from '../cli/helpers';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const walkthrough = read('docs/core-walkthrough.md');

function codeBlocks(lang: string): string[] {
  return [...walkthrough.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('docs/core-walkthrough.md', () => {
  it('shows the tested TypeScript core whole, and it is under 60 lines', () => {
    const core = read('fixtures/cores/first-fit.ts');
    expect(codeBlocks('ts')).toContain(core);
    expect(core.trimEnd().split('\n').length).toBeLessThan(60);
  });

  it('quotes the tested C core, which is under 60 lines', () => {
    const core = read('fixtures/cores/c/bitmap.c');
    for (const block of codeBlocks('c')) expect(core).toContain(block.trimEnd());
    expect(core.trimEnd().split('\n').length).toBeLessThan(60);
  });

  it('states true line counts for the files it names', () => {
    const stated = [...walkthrough.matchAll(/`([\w./-]+)` \((\d+) lines\)/g)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(stated.length).toBeGreaterThan(0);
    for (const [path, lines] of stated) expect([path, read(path).trimEnd().split('\n').length]).toEqual([path, lines]);
  });

  it('its deliberate bug is caught with the alignment clause, and the printed replay reproduces it', async () => {
    const bug = codeBlocks('ts').find((b) => b.trim().startsWith('let at'))!.trim();
    const good = 'let at = up(e.start > r.lowest ? e.start : r.lowest, r.align);';
    const source = read('fixtures/cores/first-fit.ts');
    expect(source).toContain(good);
    const file = join(mkdtempSync(join(tmpdir(), 'walkthrough-')), 'my-core.ts');
    writeFileSync(file, source.replace(good, bug));
    const r = await cli(['--core', file, '--seed', '42', '--property', 'aix.placement', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const failure = parseReport(r).results[0]!.failure!;
    expect(failure.clause).toBe('d_alloc_dmamem.align-physical');
    const again = await cli([...failure.replayCommand.split(' ').slice(2), '--reporter', 'json']);
    expect(again.code).toBe(1);
    expect(parseReport(again).results[0]!.failure!.trace).toEqual(failure.trace);
  });
});
