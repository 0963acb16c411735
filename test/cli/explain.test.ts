import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { allProperties } from '../../properties';
import { CLAUSES } from '../../spec/clauses';
import { cli } from './helpers';

const squash = (t: string) => t.replace(/\s+/g, ' ');

/** A testable clause no mutant breaks, whichever that is as mutants are added. */
function clauseNoMutantBreaks(): string {
  const broken = new Set(MUTANTS.flatMap((m) => m.info.breaks));
  const c = CLAUSES.find((x) => x.notTestable === undefined && !broken.has(x.id) && x.strength === 'MUST' && x.kind === 'postcondition');
  if (c === undefined) throw new Error('every testable clause has a mutant: pick another way to show a missing example');
  return c.id;
}

describe('dmaconform explain', () => {
  it('explains every clause id: rule, reading, the properties that check it and the mutants that break it', async () => {
    const props = allProperties();
    for (const c of CLAUSES) {
      const r = await cli(['explain', c.id, '--no-examples']);
      expect(r.code, c.id).toBe(0);
      const text = squash(r.stdout);
      expect(text.startsWith(`${c.id} ${c.strength} ${c.kind}`)).toBe(true);
      expect(text).toContain(squash(c.paraphrase));
      if (c.ambiguity) expect(text).toContain(`reading: ${squash(c.ambiguity.interpretation)}`);
      for (const p of props.filter((p) => p.clauses.includes(c.id))) expect(text).toContain(p.name);
      const breaking = MUTANTS.filter((m) => m.info.breaks.includes(c.id));
      for (const m of breaking) expect(text).toContain(`mutant ${m.info.name} (fixtures/mutants/${m.info.name}.ts)`);
      if (breaking.length === 0) expect(text).toContain('broken by: no mutant');
      if (c.notTestable) expect(text).toContain('examples: none, as no property can check this clause');
    }
  });

  it('a glob selects several clauses, each once, in catalogue order', async () => {
    const r = await cli(['explain', 'kmem_alloc_phys.*', 'kmem_alloc_phys.paddr', '--no-examples']);
    expect(r.code).toBe(0);
    const heads = r.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(' ')[0]);
    expect(heads).toEqual(CLAUSES.filter((c) => c.id.startsWith('kmem_alloc_phys.')).map((c) => c.id));
  });

  it('computes a violating example from a mutant and the reference on the same input, each drawn', async () => {
    const r = await cli(['explain', 'kmem_alloc_physcontig.boundary']);
    expect(r.code).toBe(0);
    const [, conforming, violating] = r.stdout.split(/\n\n {2}(?=Conforming|Violating)/);
    expect(violating).toMatch(/^Violating: mutant crosses-boundary, property physcontig\.[a-z-]+: FAIL/);
    expect(violating).toContain('[kmem_alloc_physcontig.boundary]');
    expect(violating).toMatch(/kmem_alloc_physcontig\(0x[0-9a-f]+, 1, KM_NOSLEEP\) -> 0x/);
    // The drawing marks the boundary multiple the run crosses, at an exact address.
    expect(violating).toMatch(/0x[0-9a-f]+ {2}boundary 0x[0-9a-f]+ {2}<- crossed by the offending run/);
    expect(conforming).toMatch(/^Conforming: the reference kernel, property physcontig\.placement: PASS/);
    expect(conforming).not.toContain('crossed by');
    const replay = (text: string) => /--replay\s+(\S+)/.exec(text)![1];
    expect(replay(conforming!)).toBe(replay(violating!));
  });

  it('says why an example is missing: no mutant, or not testable', async () => {
    const clause = clauseNoMutantBreaks();
    const none = await cli(['explain', clause]);
    expect(none.code).toBe(0);
    expect(squash(none.stdout)).toContain('no mutant in fixtures/mutants breaks this clause, so there is no violating example');
    expect(none.stdout).toContain('Conforming: the reference kernel');
    expect(none.stdout).not.toContain('Violating:');
    const untestable = await cli(['explain', 'physreq_alloc.nosleep-null']);
    expect(untestable.stdout).toContain('untestable:');
    expect(untestable.stdout).not.toContain('Conforming:');
  });

  it('rejects a pattern that matches nothing, and a missing one', async () => {
    for (const argv of [['explain', 'kmem_alloc_nope.*'], ['explain'], ['explain', 'dma.no-overlap', '--runs', '0']]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^dmaconform: [^\n]+\n$/);
    }
  });
});
