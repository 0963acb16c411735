import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../cli/clauses/catalogue';
import { catalogueMarkdown } from '../../cli/clauses/render';
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

  it('prints an aligned table by default', async () => {
    const r = await cli(['clauses']);
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
