import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors';

export interface OptionSpec {
  /** A flag takes no value; any other option takes exactly one. */
  readonly flag?: boolean;
  /** May be given more than once (the values accumulate); otherwise once at most. */
  readonly repeat?: boolean;
}

export interface Tokens {
  readonly values: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly flags: ReadonlySet<string>;
  readonly positionals: ReadonlyArray<string>;
}

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

function parseArgsOptions(specs: Readonly<Record<string, OptionSpec>>): ParseOptions {
  const options: ParseOptions = {};
  for (const [name, spec] of Object.entries(specs)) options[name.replace(/^--/, '')] = { type: spec.flag ? 'boolean' : 'string' };
  return options;
}

/**
 * Splits argv by a table of known options with node:util.parseArgs.
 * Non-strict mode, with the checks made here on its tokens: strict mode
 * refuses a value that begins with a dash (`--seed -5`, a seed a report
 * printed), and its messages are not this command's. Anything unknown is
 * still an error, never ignored: a misspelt option in a CI gate must not
 * silently weaken it.
 */
export function tokenize(argv: ReadonlyArray<string>, specs: Readonly<Record<string, OptionSpec>>): Tokens {
  const { tokens } = parseArgs({ args: [...argv], options: parseArgsOptions(specs), strict: false, allowPositionals: true, tokens: true });
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') throw new UsageError(`unknown option '--' (see dmaconform --help)`);
    const name = token.rawName.startsWith('--') ? `--${token.name}` : token.rawName;
    const spec = specs[name];
    if (spec === undefined) throw new UsageError(`unknown option '${name}' (see dmaconform --help)`);
    if (spec.flag) {
      if (token.inlineValue) throw new UsageError(`${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${name} needs a value`);
    const seen = values.get(name) ?? [];
    if (seen.length > 0 && !spec.repeat) throw new UsageError(`${name} given more than once`);
    values.set(name, [...seen, token.value]);
  }
  return { values, flags, positionals };
}

export function single(t: Tokens, name: string): string | undefined {
  return t.values.get(name)?.[0];
}

export function all(t: Tokens, name: string): string[] {
  return [...(t.values.get(name) ?? [])];
}
