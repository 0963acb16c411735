import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allProperties } from '../../properties';
import { ROOT, cli } from './helpers';

/*
 * Documents that show a command and what it prints mark the block
 * "```console checked:SETUP": the command runs here, in a fresh folder set up
 * as SETUP says, and every line the block shows must come out of the real
 * run, in order ("..." stands for lines left out; times and column widths
 * may differ). A change to the output or to the suite that makes a
 * document wrong fails here.
 */

const DOCUMENTS = ['README.md', 'docs/core-walkthrough.md', 'docs/cli.md'];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The walkthrough's core, and the same core with the walkthrough's deliberate bug. */
function firstFit(bug: boolean): Record<string, string> {
  const core = read('fixtures/cores/first-fit.ts');
  if (!bug) return { 'my-core.ts': core };
  const walkthrough = read('docs/core-walkthrough.md');
  const wrong = /```ts\n\s*(let at = [^\n]*)\n```/.exec(walkthrough)![1]!;
  const right = 'let at = up(e.start > r.lowest ? e.start : r.lowest, r.align);';
  expect(core).toContain(right);
  return { 'my-core.ts': core.replace(right, wrong) };
}

const SETUPS: Readonly<Record<string, () => Record<string, string>>> = {
  'first-fit': () => firstFit(false),
  'first-fit-without-align': () => firstFit(true),
  'my-allocator': () => ({ 'my-allocator.ts': read('fixtures/examples/my-allocator.ts') }),
};

interface Checked {
  readonly document: string;
  readonly setup: string;
  readonly command: string;
  readonly shown: ReadonlyArray<string>;
}

function checkedBlocks(document: string): Checked[] {
  return [...read(document).matchAll(/```console checked:([\w-]+)\n([\s\S]*?)```/g)].map((m) => {
    const [command, ...shown] = m[2]!.trimEnd().split('\n');
    return { document, setup: m[1]!, command: command!, shown };
  });
}

/** The words of a shell command line, with '...' quoting, as the documents write them. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** Spacing and times vary from run to run and machine to machine; nothing else may. */
const stable = (line: string) => line.replace(/\b\d+ ms\b/g, 'N ms').replace(/\s+/g, ' ').trim();

const BLOCKS = DOCUMENTS.flatMap(checkedBlocks);

describe('documented commands print what the documents show', () => {
  it('there are checked blocks, each with a known setup and a dmaconform command', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(2);
    for (const b of BLOCKS) {
      expect(Object.keys(SETUPS)).toContain(b.setup);
      expect(b.command).toMatch(/^\$ npx dmaconform /);
    }
  });

  it.each(BLOCKS.map((b) => [`${b.document}: ${b.command}`, b] as const))('%s', async (_, block) => {
    const dir = mkdtempSync(join(tmpdir(), 'dmaconform-docs-'));
    for (const [name, text] of Object.entries(SETUPS[block.setup]!())) writeFileSync(join(dir, name), text);
    const r = await cli(words(block.command).slice(3), { cwd: dir });
    const printed = `${r.stdout}${r.stderr}`.split('\n').map(stable);
    let at = 0;
    for (const line of block.shown.map(stable).filter((l) => l !== '' && l !== '...')) {
      const found = printed.indexOf(line, at);
      expect(found, `${block.document} shows a line the run does not print (in this order):\n${line}\n\nthe run printed:\n${r.stdout}${r.stderr}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('the walkthrough counts the properties a run has', () => {
    const n = allProperties().length;
    const counts = [...read('docs/core-walkthrough.md').matchAll(/\ball (\d+) properties\b/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts).toEqual(counts.map(() => n));
  });
});
