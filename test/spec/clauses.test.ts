import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CLAUSES, clause, findClause, isTestable, matchClauses } from '../../spec/clauses';
import type { SourceDocument } from '../../spec/clauses';
import { sharedRuns, runs } from './copied-text';

const REPO = path.join(__dirname, '../..');
const DOCS = path.join(__dirname, '../../../shared/docs');
const MANUALS: ReadonlyArray<SourceDocument> = ['aix-d_alloc_dmamem.txt', 'svr5-kmem_alloc_physcontig.txt'];
// The Linux documents come from the kernel source package; test/spec/linux-clauses.test.ts checks those citations.
const DOCUMENTS: ReadonlyArray<SourceDocument> = [...MANUALS, 'RESEARCH.md', 'dma-api.rst', 'dma-api-howto.rst'];
const haveDocs = fs.existsSync(DOCS);
const readDoc = (name: string): string => fs.readFileSync(path.join(DOCS, name), 'utf8');

/** `<service or topic>.<rule>`: one dot, a snake_case prefix, a kebab-case rule (which may name a service). */
const ID_PATTERN = /^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*(-[a-z0-9_]+)*$/;

const SERVICES = [
  'd_alloc_dmamem', 'd_free_dmamem', 'd_map_init', 'd_map_clear',
  'kmem_alloc_physcontig', 'kmem_free_physcontig', 'physreq_alloc', 'physreq_prep', 'physreq_free',
  'kmem_alloc_physreq', 'kmem_zalloc_physreq', 'kmem_alloc_phys', 'kmem_free',
  'dma_set_mask', 'dma_alloc_coherent', 'dma_free_coherent', 'dma_pool_create', 'dma_pool_alloc', 'dma_pool_zalloc', 'dma_pool_free', 'dma_pool_destroy',
];

describe('clause catalogue', () => {
  it('has unique ids of the form <service>.<rule>, prefixed by the clause service', () => {
    const ids = CLAUSES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CLAUSES) {
      expect(c.id, c.id).toMatch(ID_PATTERN);
      expect(c.id.split('.')[0], c.id).toBe(c.service);
    }
  });

  it('gives every clause a source in one of the documents, with a section', () => {
    for (const c of CLAUSES) {
      expect(c.sources.length, c.id).toBeGreaterThan(0);
      for (const s of c.sources) {
        expect(DOCUMENTS, c.id).toContain(s.document);
        expect(s.section.trim(), c.id).not.toBe('');
      }
    }
  });

  it.skipIf(!haveDocs)(`cites only headings that exist in the manual pages (needs ${DOCS})`, () => {
    for (const doc of MANUALS) {
      const headings = new Set(readDoc(doc).split(/\r?\n/).map((l) => l.trim().replace(/:$/, '')));
      for (const c of CLAUSES) {
        for (const s of c.sources.filter((x) => x.document === doc)) {
          expect(headings.has(s.section), `${c.id} cites '${s.section}' of ${doc}`).toBe(true);
        }
      }
    }
  });

  it.skipIf(!haveDocs)('cites RESEARCH.md sections as "<## heading>" or "<## heading>: <topic in it>"', () => {
    const parts = readDoc('RESEARCH.md').split(/^## /m).slice(1);
    const sections = new Map(parts.map((p) => [p.slice(0, p.indexOf('\n')).trim(), p.replace(/`/g, '')] as const));
    for (const c of CLAUSES) {
      for (const s of c.sources.filter((x) => x.document === 'RESEARCH.md')) {
        const colon = s.section.indexOf(': ');
        const heading = colon < 0 ? s.section : s.section.slice(0, colon);
        const body = sections.get(heading);
        expect(body, `${c.id} cites missing section '${heading}'`).toBeDefined();
        if (colon >= 0) expect(body, `${c.id}: '${s.section}'`).toContain(s.section.slice(colon + 2));
      }
    }
  });

  it('gives a reason for every untestable clause, and keeps testable ones testable', () => {
    const untestable = CLAUSES.filter((c) => !isTestable(c));
    expect(untestable.length).toBeGreaterThan(0);
    for (const c of untestable) expect(c.notTestable!.trim(), c.id).not.toBe('');
    expect(isTestable(clause('d_alloc_dmamem.align'))).toBe(true);
    expect(isTestable(clause('d_alloc_dmamem.pinned'))).toBe(false);
  });

  it('spells out every ambiguity: question, interpretation, why', () => {
    const ambiguous = CLAUSES.filter((c) => c.ambiguity !== undefined);
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const c of ambiguous) {
      expect(c.ambiguity!.question.trim(), c.id).not.toBe('');
      expect(c.ambiguity!.interpretation.trim(), c.id).not.toBe('');
      expect(c.ambiguity!.why.trim(), c.id).not.toBe('');
    }
  });

  it('has a non-empty paraphrase and a known strength and kind for each clause', () => {
    for (const c of CLAUSES) {
      expect(c.paraphrase.trim(), c.id).not.toBe('');
      expect(['MUST', 'SHOULD', 'MAY'], c.id).toContain(c.strength);
      expect(['precondition', 'postcondition', 'invariant', 'context', 'version'], c.id).toContain(c.kind);
    }
  });

  it.skipIf(!haveDocs)('paraphrases: no run of 8 words is copied from a manual page', () => {
    const docRuns = new Set(MANUALS.flatMap((d) => [...runs(readDoc(d), 8)]));
    // The detector itself catches a pasted sentence.
    expect(sharedRuns('Note: the allocated area is aligned on the byte boundary specified by the align parameter.', docRuns)).not.toEqual([]);
    for (const c of CLAUSES) expect(sharedRuns(c.paraphrase, docRuns), c.id).toEqual([]);
  });

  it('covers every documented service', () => {
    const covered = new Set(CLAUSES.map((c) => c.service));
    for (const s of SERVICES) expect(covered.has(s), s).toBe(true);
  });
});

describe('clause lookup', () => {
  it('finds known ids and throws a clauses: error on unknown ones', () => {
    expect(clause('dma.no-overlap').service).toBe('dma');
    expect(findClause('dma.no-overlap')).toBe(clause('dma.no-overlap'));
    expect(findClause('dma.no-such-rule')).toBeUndefined();
    expect(() => clause('dma.no-such-rule')).toThrow(/^clauses: .*dma\.no-such-rule/);
  });

  it('matches globs with * and ?, treating . literally', () => {
    const physcontig = matchClauses('kmem_alloc_physcontig.*');
    expect(physcontig.length).toBeGreaterThan(5);
    expect(physcontig.every((c) => c.id.startsWith('kmem_alloc_physcontig.'))).toBe(true);
    expect(matchClauses('*.exact-match').map((c) => c.id).sort()).toEqual(
      ['d_free_dmamem.exact-match', 'dma_free_coherent.exact-match', 'kmem_free.exact-match', 'kmem_free_physcontig.exact-match'],
    );
    expect(matchClauses('dma.no-overla?').map((c) => c.id)).toEqual(['dma.no-overlap']);
    expect(matchClauses('dma.no-overla')).toEqual([]);
    expect(matchClauses('dmaXno-overlap')).toEqual([]);
    expect(matchClauses('*')).toHaveLength(CLAUSES.length);
  });
});

describe('clause ids referenced in the source tree', () => {
  const PREFIXES = [...new Set([...SERVICES, ...CLAUSES.map((c) => c.service), 'physreq_set', 'dma', 'svr5', 'physreq'])];
  const LITERAL = new RegExp(`(['"\`])((?:${PREFIXES.join('|')})\\.[a-z0-9_-]+)\\1`, 'g');
  const FILE_NAME = /\.(ts|js|mjs|cjs|json|md|txt)$/;
  const SCANNED = ['spec', 'impl', 'properties', 'fixtures', 'cli'];

  function sourceFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
      return /\.(ts|js|mjs|cjs|json)$/.test(e.name) ? [full] : [];
    });
  }

  function references(): Array<{ file: string; id: string }> {
    return SCANNED.flatMap((d) => sourceFiles(path.join(REPO, d))).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(LITERAL)]
        .map((m) => m[2]!)
        .filter((id) => !FILE_NAME.test(id))
        .map((id) => ({ file: path.relative(REPO, file), id })),
    );
  }

  it('finds the literals spec/ is known to use (the scan works)', () => {
    const ids = new Set(references().map((r) => r.id));
    for (const id of ['physreq.boundary-below-size', 'kmem_alloc_physcontig.context-sleep', 'kmem_alloc_phys.ddi-version']) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('only names clauses that exist in the catalogue', () => {
    const unknown = references().filter((r) => findClause(r.id) === undefined).map((r) => `${r.file}: ${r.id}`);
    expect(unknown).toEqual([]);
  });
});
