import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../cli/clauses/catalogue';
import { catalogueMarkdown } from '../../cli/clauses/render';
import { rulesMarkdown } from '../../cli/clauses/rules';
import { allProperties } from '../../properties';
import { CLAUSES, findClause } from '../../spec/clauses';
import { ROOT, cli } from './helpers';

describe('dmaconform clauses', () => {
  it('--json lists every clause with its sources, strength, testability and covering properties', async () => {
    const r = await cli(['clauses', '--json']);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(entries.map((e) => e.id)).toEqual(CLAUSES.map((c) => c.id));
    const names = new Set(allProperties().map((p) => p.name));
    for (const e of entries) {
      expect(typeof e.id).toBe('string');
      expect(['MUST', 'SHOULD', 'MAY']).toContain(e.strength);
      expect(typeof e.testable).toBe('boolean');
      expect(Array.isArray(e.source) && e.source.length > 0).toBe(true);
      for (const s of e.source as Array<Record<string, unknown>>) {
        expect(typeof s.document).toBe('string');
        expect(typeof s.section).toBe('string');
      }
      expect(Array.isArray(e.coveredBy)).toBe(true);
      for (const n of e.coveredBy as string[]) expect(names.has(n)).toBe(true);
      if (!e.testable || (e.coveredBy as string[]).length === 0) expect(typeof e.reason).toBe('string');
    }
  });

  it('--json carries the paraphrase, the ambiguity and its reading, and why a clause is not testable', async () => {
    const entries = JSON.parse((await cli(['clauses', '--json'])).stdout) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const c of CLAUSES) {
      const e = entries.find((x) => x.id === c.id)!;
      expect(e.paraphrase).toBe(c.paraphrase);
      expect(e.ambiguity).toEqual(c.ambiguity);
      expect(e.notTestable).toBe(c.notTestable);
    }
    expect(entries.filter((e) => e.ambiguity !== undefined).length).toBeGreaterThan(5);
  });

  it('prints every clause with its paraphrase, sources by manual page, and the reading of any ambiguity', async () => {
    const r = await cli(['clauses']);
    expect(r.code).toBe(0);
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks.length).toBe(CLAUSES.length + 1);
    const squash = (t: string) => t.replace(/\s+/g, ' ');
    for (const c of CLAUSES) {
      const block = squash(blocks.find((b) => b.startsWith(`${c.id} `))!);
      expect(block).toContain(squash(c.paraphrase));
      if (c.ambiguity) expect(block).toContain(`reading: ${squash(c.ambiguity.interpretation)}`);
      if (c.notTestable) expect(block).toContain('untestable:');
      for (const line of blocks.find((b) => b.startsWith(`${c.id} `))!.split('\n').filter((l) => l.trim().startsWith('source:'))) {
        expect(line).not.toMatch(/\.txt|RESEARCH\.md/);
      }
    }
    expect(blocks[blocks.length - 1]).toMatch(/^\d+ clauses, \d+ covered, \d+ not covered, \d+ with a reading of an ambiguity$/);
  });

  it('filters by service (name or glob) and by strength', async () => {
    const ids = async (argv: string[]) => (JSON.parse((await cli(['clauses', '--json', ...argv])).stdout) as Array<{ id: string }>).map((e) => e.id);
    expect(await ids(['--service', 'kmem_alloc_phys'])).toEqual(CLAUSES.filter((c) => c.service === 'kmem_alloc_phys').map((c) => c.id));
    expect(await ids(['--service', 'kmem_alloc_phys*'])).toEqual(CLAUSES.filter((c) => c.service.startsWith('kmem_alloc_phys')).map((c) => c.id));
    expect(await ids(['--strength', 'SHOULD', '--strength', 'may'])).toEqual(CLAUSES.filter((c) => c.strength !== 'MUST').map((c) => c.id));
    expect(await ids(['--service', 'd_*', '--strength', 'MUST'])).toEqual(CLAUSES.filter((c) => c.service.startsWith('d_') && c.strength === 'MUST').map((c) => c.id));
    const bad = await cli(['clauses', '--service', 'kmem_alloc_nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dmaconform: clauses: --service 'kmem_alloc_nope' matches no service/);
    expect((await cli(['clauses', '--strength', 'OUGHT'])).code).toBe(2);
  });

  it('--table prints an aligned table', async () => {
    const r = await cli(['clauses', '--table']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const header = lines[0]!;
    expect(header).toMatch(/^CLAUSE +STRENGTH +KIND +TESTABLE +SOURCE +COVERED BY$/);
    const column = header.indexOf('STRENGTH');
    for (const c of CLAUSES) {
      const line = lines.find((l) => l.startsWith(`${c.id} `))!;
      expect(line.slice(column).startsWith(c.strength)).toBe(true);
    }
    expect(lines[lines.length - 1]).toMatch(/^\d+ clauses, \d+ covered, \d+ not covered$/);
  });

  it('docs/coverage.md is up to date (regenerate with npm run coverage-doc)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'coverage.md'), 'utf8');
    expect(committed).toBe(catalogueMarkdown(catalogue()));
  });

  it('docs/rules.md is up to date (regenerate with npm run rules-doc)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(rulesMarkdown());
  });

  it('--markdown prints the same text as docs/coverage.md holds', async () => {
    expect((await cli(['clauses', '--markdown'])).stdout).toBe(catalogueMarkdown(catalogue()));
  });
});

describe('coverage of the catalogue', () => {
  it('every clause a property names exists', () => {
    for (const p of allProperties()) for (const c of p.clauses) expect(findClause(c), `${p.name} names ${c}`).toBeDefined();
  });

  it('every testable clause is checked by at least one property', () => {
    const uncovered = catalogue()
      .filter((e) => e.testable && e.coveredBy.length === 0)
      .map((e) => e.id);
    expect(uncovered).toEqual([]);
  });
});
