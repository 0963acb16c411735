import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { NOT_YET_CAUGHT } from '../properties/kills/kill-matrix';
import { cli, parseReport } from './helpers';
import { sweep } from '../setup/depth';

/**
 * Every mutant loads on its own through --impl and the command rejects it
 * (exit 1) with a failure naming a clause it breaks. --only keeps each run
 * to the properties that judge those clauses.
 */
describe('--impl fixtures/mutants/<name>.ts', () => {
  // The kill matrix catches every mutant in-process on every seed; through the command line, npm test loads a few and test:deep the rest.
  for (const { info } of sweep(MUTANTS.filter((m) => !NOT_YET_CAUGHT.has(m.info.name)), 4)) {
    it(`rejects ${info.name}`, async () => {
      const only = info.breaks.flatMap((c) => ['--only', c]);
      // --strict: one mutant breaks only a SHOULD clause, which alone is a warning.
      const r = await cli(['--impl', `fixtures/mutants/${info.name}.ts`, ...only, '--seed', '1', '--strict', '--reporter', 'json']);
      expect(r.code, r.stderr).toBe(1);
      const clauses = parseReport(r).results.map((x) => x.failure?.clause).filter((c): c is string => typeof c === 'string');
      expect(clauses.some((c) => info.breaks.includes(c)), clauses.join(', ')).toBe(true);
    });
  }
});
