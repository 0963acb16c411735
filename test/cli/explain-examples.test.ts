import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { CLAUSES } from '../../spec/clauses';
import { DEEP } from '../setup/depth';
import { cli } from './helpers';

const squash = (t: string) => t.replace(/\s+/g, ' ');

/** Computing examples runs a property twice per clause: npm test takes every other clause, test:deep the rest. */
const SHARE = CLAUSES.filter((_, i) => i % 2 === (DEEP ? 1 : 0));

describe('dmaconform explain, with examples', () => {
  it(`computes the examples for ${DEEP ? 'the clause ids npm test leaves' : 'every other clause id'}: a violating run names the clause, a missing one is explained`, async () => {
    const r = await cli(['explain', ...SHARE.map((c) => c.id)]);
    expect(r.code).toBe(0);
    const blocks = new Map<string, string>();
    let current = '';
    for (const line of r.stdout.split('\n')) {
      const head = /^(\S+) {2}(MUST|SHOULD|MAY) /.exec(line);
      if (head) blocks.set((current = head[1]!), '');
      blocks.set(current, `${blocks.get(current)}${line}\n`);
    }
    expect([...blocks.keys()]).toEqual(SHARE.map((c) => c.id));
    for (const c of SHARE) {
      const text = blocks.get(c.id)!;
      if (c.notTestable !== undefined) {
        expect(text, c.id).not.toContain('Conforming:');
        continue;
      }
      expect(text, c.id).toMatch(/\n {2}Conforming: the reference kernel, property \S+: PASS\n/);
      const violating = /\n {2}Violating: mutant (\S+), property \S+: FAIL\n {4}result: ([^]*?)\n {4}rerun:/.exec(text);
      if (violating) {
        expect(MUTANTS.find((m) => m.info.name === violating[1])!.info.breaks, c.id).toContain(c.id);
        expect(squash(violating[2]!), c.id).toMatch(new RegExp(`\\[${c.id.replace(/\./g, '\\.')}\\]$`));
      } else expect(squash(text), c.id).toMatch(/note: (no mutant in fixtures\/mutants breaks this clause|the mutants that break it \(.*\) were not caught under this clause)/);
    }
    // Most clauses a mutant breaks get a worked violation.
    const withMutant = SHARE.filter((c) => c.notTestable === undefined && MUTANTS.some((m) => m.info.breaks.includes(c.id)));
    const shown = withMutant.filter((c) => blocks.get(c.id)!.includes('Violating: mutant'));
    expect(shown.length).toBeGreaterThan(withMutant.length * 0.8);
  });
});
