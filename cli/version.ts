import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The installed package's version, read from its package.json at run time:
 * the same code runs from the sources (cli/) and from the build (dist/cli/),
 * one folder deeper, so both places are tried.
 */
export function packageVersion(): string {
  for (const up of [['..'], ['..', '..']]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, ...up, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'dmaconform' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not this folder.
    }
  }
  return 'unknown';
}
