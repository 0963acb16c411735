import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transpileModule, ModuleKind, ScriptTarget } from 'typescript';
import { buildCCore, buildCFixture } from '../fixtures/external/c/build';
import { allProperties } from '../properties';
import { measureChild, type ChildUsage } from './child-usage';
import { buildDist } from './startup';

const ROOT = join(__dirname, '..');

/** One way in to the CLI: the reference, or a core behind the same service layer. */
export interface Route {
  readonly label: string;
  readonly args: ReadonlyArray<string>;
}

export const REFERENCE: Route = { label: 'reference', args: [] };
const FIRST_FIT_TS = join(ROOT, 'fixtures', 'cores', 'first-fit.ts');
export const FIRST_FIT: Route = { label: '--core first-fit.ts', args: ['--core', FIRST_FIT_TS] };

/**
 * The walkthrough core as JavaScript: loading a .ts core brings in the
 * TypeScript compiler (seconds and tens of MB per process, whatever the
 * property), which would drown what the per-property comparison is about,
 * the cost of the layer and the core. The full runs keep the .ts route.
 */
function firstFitJs(): Route {
  const out = join(mkdtempSync(join(tmpdir(), 'dmaconform-core-')), 'first-fit.js');
  const js = transpileModule(readFileSync(FIRST_FIT_TS, 'utf8'), { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } });
  writeFileSync(out, js.outputText);
  return { label: '--core first-fit.js', args: ['--core', out] };
}

/** The C bitmap core over the core protocol, and the C allocator fixture over the exec protocol, built as the tests build them. */
function cRoutes(): Route[] {
  const core = buildCCore(join(ROOT, 'fixtures', 'cores', 'c', 'bitmap.c'), 'bitmap');
  return [
    { label: '--core-exec bitmap (C)', args: ['--core-exec', core] },
    { label: '--exec dmaalloc (C)', args: ['--exec', buildCFixture('correct')] },
  ];
}

/**
 * The routes a full run is measured on: the reference, the walkthrough's
 * core, the C core and the C allocator, plus any given as JSON in
 * DMACONFORM_BENCH_ROUTES (`[{"label": "--core-exec py", "args":
 * ["--core-exec", "..."]}]`), so cores in other languages are measured the
 * same way once they build.
 */
export function benchRoutes(): Route[] {
  const extra = process.env.DMACONFORM_BENCH_ROUTES;
  return [REFERENCE, FIRST_FIT, ...cRoutes(), ...(extra ? (JSON.parse(extra) as Route[]) : [])];
}

function cli(route: Route, seed: number, more: ReadonlyArray<string>): ChildUsage {
  return measureChild([join(ROOT, 'bin', 'dmaconform.js'), ...route.args, '--seed', String(seed), '--reporter', 'json', '--out', '/dev/null', ...more], ROOT);
}

export interface PropertyParity {
  readonly property: string;
  readonly reference: ChildUsage;
  readonly core: ChildUsage;
  readonly cpuRatio: number;
  readonly rssRatio: number;
}

/** Every property alone, on one seed, through the reference and through the first-fit core, one process each. */
export function benchPropertyParity(seed = 1, only?: ReadonlyArray<string>): PropertyParity[] {
  buildDist();
  const names = only ?? allProperties().map((p) => p.name);
  const js = firstFitJs();
  return names.map((property) => {
    const reference = cli(REFERENCE, seed, ['--property', property]);
    const core = cli(js, seed, ['--property', property]);
    return { property, reference, core, cpuRatio: core.cpuSeconds / reference.cpuSeconds, rssRatio: core.maxRssMb / reference.maxRssMb };
  });
}

/** Peak RSS of a full default run of each route on each seed. */
export function benchFullRuns(seeds: ReadonlyArray<number>, routes = benchRoutes()): Array<{ route: string; seed: number; usage: ChildUsage }> {
  buildDist();
  return routes.flatMap((route) => seeds.map((seed) => ({ route: route.label, seed, usage: cli(route, seed, []) })));
}

/** "1-20" or "1,3,5" as a list of seeds. */
export function parseSeeds(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}
