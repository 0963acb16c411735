import { allProperties } from './properties';
import { runProperty } from './properties/runner/run-property';
import { MUTANTS } from './fixtures/mutants';
import { drawPicture } from './cli/picture/text';
(async () => {
  for (const [mn, pn] of [['crosses-boundary', 'physcontig.placement'], ['overlap-after-coalesce', 'physcontig.interleaving'], ['limit-4g-off-by-one','aix.placement'], ['ignores-align','aix.placement']]) {
  const m = MUTANTS.find((x) => x.info.name === mn)!;
  const p = allProperties().find((x) => x.name === pn)!;
  const r = await runProperty(p, m.create(), { seed: 42, numRuns: 300 });
  console.log(mn, r.status, r.failure?.message);
  if (r.failure?.picture) console.log(drawPicture(r.failure.picture).join('\n'));
  }
})();
