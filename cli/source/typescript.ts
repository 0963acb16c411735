import { join } from 'node:path';

const PROJECT = join(__dirname, '..', '..', 'tsconfig.json');

/**
 * Makes require() understand .ts files. The launcher has registered ts-node
 * already; a program that calls main() some other way may not have (under
 * vitest, modules load through vite and need nothing).
 */
export function ensureTypeScript(): void {
  if (process.env.VITEST !== undefined || require.extensions['.ts'] !== undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('ts-node') as typeof import('ts-node')).register({ transpileOnly: true, project: PROJECT });
}
