import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerSetup } from './messages';

const ROOT = join(__dirname, '..', '..');
/** The layers a worker loads. */
const LAYERS = ['spec', 'impl', 'core', 'properties', 'cli'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** From the sources: dist's worker, if every source it could load has a build no older than itself. */
function freshBuild(): string | null {
  const dist = join(ROOT, 'dist');
  const worker = join(dist, 'cli', 'workers', 'worker.js');
  if (!existsSync(worker)) return null;
  for (const file of LAYERS.flatMap((l) => tsFiles(join(ROOT, l)))) {
    const built = join(dist, relative(ROOT, file)).replace(/\.ts$/, '.js');
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return null;
  }
  return worker;
}

let fromSources: { readonly file: string; readonly eval: boolean } | undefined;

/**
 * Starts a property worker. Compiled, it is dist's worker.js. Run from the
 * TypeScript sources (tests, ts-node), a worker does not inherit whatever
 * compiles its parent: it runs dist's build when that is up to date (tests
 * build it first), and otherwise registers ts-node, which costs seconds.
 */
export function startWorker(setup: WorkerSetup): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, 'worker.js'), { workerData: setup });
  fromSources ??= ((built) => (built !== null ? { file: built, eval: false } : { file: tsNodeWorker(), eval: true }))(freshBuild());
  return new Worker(fromSources.file, { eval: fromSources.eval, workerData: setup });
}

function tsNodeWorker(): string {
  const tsNode = require.resolve('ts-node');
  const project = join(ROOT, 'tsconfig.json');
  return `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, project: ${JSON.stringify(project)} });\nrequire(${JSON.stringify(join(__dirname, 'worker.ts'))});`;
}
