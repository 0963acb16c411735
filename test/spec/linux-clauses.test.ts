import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSES, type SourceDocument } from '../../spec/clauses';
import { linuxTestsRun, requireLinuxSource } from '../external/linux-helpers';
import { runs, sharedRuns } from './copied-text';

const LINUX_DOCS: ReadonlyArray<SourceDocument> = ['dma-api.rst', 'dma-api-howto.rst'];
const linux = CLAUSES.filter((c) => c.sources.some((s) => LINUX_DOCS.includes(s.document)));

/** reStructuredText section titles: a line underlined by a run of one punctuation character. */
function headings(text: string): Set<string> {
  const lines = text.split(/\r?\n/);
  const out = new Set<string>();
  for (let i = 0; i + 1 < lines.length; i++) {
    const title = lines[i]!.trim();
    if (title !== '' && /^([=\-~^"'`#*+])\1{2,}\s*$/.test(lines[i + 1]!)) out.add(title);
  }
  return out;
}

describe('Linux clauses', () => {
  it('exist for every service of the family', () => {
    const services = new Set(linux.map((c) => c.service));
    for (const s of ['dma_set_mask', 'dma_alloc_coherent', 'dma_free_coherent', 'dma_pool_create', 'dma_pool_alloc', 'dma_pool_zalloc', 'dma_pool_free', 'dma_pool_destroy']) {
      expect(services.has(s), s).toBe(true);
    }
  });

  describe.runIf(linuxTestsRun('the Linux citation checks'))('against Documentation/core-api of the installed kernel source', () => {
    const text = (doc: SourceDocument): string => readFileSync(join(requireLinuxSource().root, 'Documentation', 'core-api', doc), 'utf8');

    it('cite only section titles the documents have', () => {
      for (const doc of LINUX_DOCS) {
        const titles = headings(text(doc));
        expect(titles.size, doc).toBeGreaterThan(5);
        for (const c of linux) for (const s of c.sources.filter((x) => x.document === doc)) expect(titles.has(s.section), `${c.id} cites '${s.section}' of ${doc}`).toBe(true);
      }
    });

    it('paraphrase: no run of 8 words is copied from the documents', () => {
      const docRuns = new Set(LINUX_DOCS.flatMap((d) => [...runs(text(d), 8)]));
      expect(sharedRuns('This routine allocates a region of <size> bytes of consistent memory.', docRuns)).not.toEqual([]);
      for (const c of linux) {
        expect(sharedRuns(c.paraphrase, docRuns), c.id).toEqual([]);
        if (c.ambiguity !== undefined) expect(sharedRuns(c.ambiguity.interpretation, docRuns), c.id).toEqual([]);
      }
    });
  });
});
