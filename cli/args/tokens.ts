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

/**
 * Splits argv by a table of known options. `--name value` and `--name=value`
 * both work; a value may begin with a dash (`--seed -5`), since every
 * option's arity is known. Anything unknown is an error, never ignored:
 * a misspelt option in a CI gate must not silently weaken it.
 */
export function tokenize(argv: ReadonlyArray<string>, specs: Readonly<Record<string, OptionSpec>>): Tokens {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const spec = specs[name];
    if (spec === undefined) throw new UsageError(`unknown option '${name}' (see dmaconform --help)`);
    if (spec.flag) {
      if (eq > 0 && name !== arg) throw new UsageError(`${name} takes no value`);
      flags.add(name);
      continue;
    }
    let value: string;
    if (name !== arg) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i]!;
    else throw new UsageError(`${name} needs a value`);
    const seen = values.get(name) ?? [];
    if (seen.length > 0 && !spec.repeat) throw new UsageError(`${name} given more than once`);
    values.set(name, [...seen, value]);
  }
  return { values, flags, positionals };
}

export function single(t: Tokens, name: string): string | undefined {
  return t.values.get(name)?.[0];
}

export function all(t: Tokens, name: string): string[] {
  return [...(t.values.get(name) ?? [])];
}
