import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const MODULE = /\.[cm]?[jt]sx?$/;

/** What a module's source exports, read as text: the command must not run a module it was not asked to load. */
function exportsOf(source: string): 'core' | 'impl' | null {
  const exported = (name: string) => new RegExp(`\\bexport\\s+(?:default\\s+)?(?:async\\s+)?(?:function|const|let|class)\\s+${name}\\b|\\bexports\\.${name}\\b|\\bexport\\s*\\{[^}]*\\b${name}\\b`).test(source);
  if (exported('createCore')) return 'core';
  if (exported('createImplementation')) return 'impl';
  // A default export: a core has alloc and free and no families; an implementation declares its families.
  if (/\bfamilies\b/.test(source)) return 'impl';
  if (/\balloc\s*\(/.test(source) && /\bfree\s*\(/.test(source)) return 'core';
  return null;
}

/**
 * For a stray argument that names a file (`dmaconform ./my-core.ts`): the
 * option the user most likely meant, judged from what the file exports, or
 * null when the argument is no path at all.
 */
export function suggestionFor(arg: string, cwd: string): string | null {
  const file = resolve(cwd, arg);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    // not there: judged by its name alone
  }
  const quoted = /^[\w./@+-]+$/.test(arg) ? arg : JSON.stringify(arg);
  if (!isFile) return MODULE.test(arg) ? `'${arg}' is no file; a module is tested with --impl PATH (an allocator) or --core PATH (a placement core)` : null;
  if (MODULE.test(arg)) {
    const kind = exportsOf(readFileSync(file, 'utf8'));
    if (kind === 'core') return `'${arg}' exports a placement core: run dmaconform --core ${quoted}`;
    if (kind === 'impl') return `'${arg}' exports an implementation: run dmaconform --impl ${quoted}`;
    return `'${arg}' is a module: run dmaconform --impl ${quoted} for an allocator (createImplementation) or --core ${quoted} for a placement core (createCore)`;
  }
  try {
    accessSync(file, constants.X_OK);
    return `'${arg}' is a program: run dmaconform --exec ${quoted} for an allocator speaking the exec protocol, or --core-exec ${quoted} for a placement core`;
  } catch {
    return null;
  }
}
