import { describe, expect, it } from 'vitest';
import { allProperties } from '../../properties';
import { cli, parseReport } from './helpers';

async function shardRuns(shard: string, runs: number): Promise<{ seed: number; byProperty: Map<string, { runs: number; seed: number }> }> {
  const r = await cli(['--runs', String(runs), '--seed', '11', '--shard', shard, '--reporter', 'json']);
  expect(r.code).toBe(0);
  const report = parseReport(r);
  return { seed: report.seed, byProperty: new Map(report.results.map((x) => [x.property, { runs: x.runs, seed: x.seed }])) };
}

describe('--shard K/N', () => {
  it.each([
    [7, 3],
    [2, 3],
  ])('with --runs %i the %i shares add up to the whole run count of every property', async (runs, count) => {
    const shards = [];
    for (let k = 1; k <= count; k++) shards.push(await shardRuns(`${k}/${count}`, runs));
    for (const p of allProperties()) {
      const total = shards.reduce((sum, s) => sum + (s.byProperty.get(p.name)?.runs ?? 0), 0);
      expect(total, p.name).toBe(runs);
    }
    // Each share explores its own inputs: the seeds differ, the report keeps the base seed.
    const nonEmpty = shards.filter((s) => s.byProperty.size > 0);
    expect(new Set(nonEmpty.map((s) => [...s.byProperty.values()][0]!.seed)).size).toBe(nonEmpty.length);
    expect(shards.every((s) => s.seed === 11)).toBe(true);
  });
});
