import { spawnSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import { TypeScriptSyntaxError, originalPosition } from './typescript';

/** The command's own frames (the loader), which say nothing about the user's module. */
const OWN = resolve(__dirname, '..') + sep;

function userFrame(stack: string): string | null {
  for (const line of stack.split('\n')) {
    const m = /^\s+at (?:.* \()?(.+?:\d+:\d+)\)?$/.exec(line);
    if (m === null) continue;
    const where = m[1]!;
    if (where.startsWith('node:') || where.startsWith(OWN) || where.includes(`${sep}node_modules${sep}`)) continue;
    return mapped(where);
  }
  return null;
}

/** A transpiled TypeScript position as the user's source has it. */
function mapped(where: string): string {
  const m = /^(.+):(\d+):(\d+)$/.exec(where)!;
  const original = originalPosition(m[1]!, Number(m[2]), Number(m[3]));
  const file = relative(process.cwd(), m[1]!) || m[1]!;
  return original === null ? `${file}:${m[2]}:${m[3]}` : `${file}:${original.line}:${original.column}`;
}

/**
 * Node reports a syntax error in an ES module without its place; `node
 * --check` on the file gives file:line, the source line and a caret. Only
 * run on a failure, and only useful when the error is in that file.
 */
function checkedSyntax(file: string): string[] {
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  if (r.status === 0 || typeof r.stderr !== 'string') return [];
  const lines = r.stderr.split('\n');
  const end = lines.findIndex((l) => /^\w*Error\b/.test(l));
  return end <= 0 ? [] : lines.slice(0, end).filter((l) => l.trim() !== '');
}

/**
 * Why a module did not load, as lines for a block under the one-line
 * message: never cut to a line, since the reason is what comes after the
 * first one. A TypeScript syntax error gives the compiler's diagnostics
 * (file:line:column - error TSnnnn: text); Node's JavaScript SyntaxError
 * puts file, line and the offending source before the message; anything
 * thrown while the module runs gives its message and the first frame in
 * the user's code.
 */
export function loadFailureLines(e: unknown, file: string): string[] {
  if (e instanceof TypeScriptSyntaxError) return [...e.diagnostics];
  if (!(e instanceof Error)) return [String(e)];
  const stack = e.stack ?? '';
  const heading = `${e.name}: ${e.message.split('\n')[0]}`;
  if (e.name === 'SyntaxError') {
    // file:line, the source line, a caret line, a blank, then the message.
    const before = stack.startsWith(heading) ? checkedSyntax(file) : stack.slice(0, stack.indexOf(heading)).split('\n').filter((l) => l.trim() !== '');
    return [...before, heading];
  }
  const lines = [heading];
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'MODULE_NOT_FOUND') {
    const from = /Require stack:\n- (.+)/.exec(e.message);
    if (from !== null) lines.push(`required from ${from[1]}`);
    return lines;
  }
  const at = userFrame(stack);
  if (at !== null) lines.push(`at ${at}`);
  return lines;
}
