import { dirname } from 'node:path';

/**
 * Makes require() understand .ts files, for a user's `--impl x.ts` only:
 * ts-node (and the compiler behind it) costs about a second to load, so it
 * is loaded here, never at start-up. The module's own tsconfig.json is used
 * if it has one (found from its folder), but the output is always CommonJS,
 * which is what require() can load, and the compiler is this package's own,
 * since a project's older or newer one may reject these options. When this
 * file is itself TypeScript (under vitest or ts-node), whatever compiles it
 * already handles the module.
 */
export function ensureTypeScript(file: string): void {
  if (__filename.endsWith('.ts') || require.extensions['.ts'] !== undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('ts-node') as typeof import('ts-node')).register({
    transpileOnly: true,
    projectSearchDir: dirname(file),
    compiler: require.resolve('typescript'),
    // Transpiling only, resolution plays no part; node10 merely agrees with CommonJS whatever the project's tsconfig says.
    compilerOptions: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
  });
}
