import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { mutant as ignoresAlign } from '../../fixtures/mutants/ignores-align';
import { mutant as leaksOnFailure } from '../../fixtures/mutants/leaks-on-failure';
import { mutant as lostWakeup } from '../../fixtures/mutants/lost-wakeup';
import { mutant as silentDoubleFree } from '../../fixtures/mutants/silent-double-free';
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

/** The whole suite, as a user runs it: a few quick rejections in npm test, the slow-shrinking sleepers in test:deep. */
describe('the whole suite through --impl', () => {
  for (const info of sweep([ignoresAlign, silentDoubleFree, leaksOnFailure, lostWakeup], 2)) {
    it(`${info.name}: exit 1, failing a clause the mutant breaks`, async () => {
      const r = await cli(['--impl', `fixtures/mutants/${info.name}.ts`, '--seed', '1', '--reporter', 'json']);
      expect(r.code).toBe(1);
      const report = parseReport(r);
      expect(report.implementation).toBe(`mutant:${info.name}`);
      const clauses = report.results.filter((x) => x.status === 'FAIL').map((x) => x.failure!.clause);
      expect(clauses.some((c) => c !== null && info.breaks.includes(c))).toBe(true);
    });
  }
});
