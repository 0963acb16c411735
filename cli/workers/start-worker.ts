import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerSetup } from './messages';

/**
 * Starts a property worker. Compiled, it is dist's worker.js; run from the
 * TypeScript sources (tests, ts-node), the worker registers ts-node first,
 * as the CLI does for a user's .ts module, since a worker does not inherit
 * whatever compiles its parent.
 */
export function startWorker(setup: WorkerSetup): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, 'worker.js'), { workerData: setup });
  const tsNode = require.resolve('ts-node');
  const project = join(__dirname, '..', '..', 'tsconfig.json');
  const code = `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, project: ${JSON.stringify(project)} });\nrequire(${JSON.stringify(join(__dirname, 'worker.ts'))});`;
  return new Worker(code, { eval: true, workerData: setup });
}
