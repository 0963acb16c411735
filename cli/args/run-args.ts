import type { Shard } from '../../properties/runner/select';
import { parseShard } from '../../properties/runner/select';
import { UsageError } from '../errors';
import { suggestionFor } from './positional';
import { all, single, tokenize, type OptionSpec } from './tokens';
import type { Family } from '../../spec/interface/implementation';
import { familyList, oneOf, positiveInt, positiveNumber, replay, seed, type Replay } from './values';

export const REPORTERS = ['pretty', 'json', 'junit', 'html'] as const;

/** Where --reporter html writes without --out: a whole page is for a browser, never for the terminal. */
export const DEFAULT_HTML_OUT = 'dmaconform-report.html';

/** --out as given, or the default file of a reporter that must not print to the terminal. */
export function outFor(reporter: ReporterName, out: string | undefined): string | undefined {
  return out ?? (reporter === 'html' ? DEFAULT_HTML_OUT : undefined);
}
export type ReporterName = (typeof REPORTERS)[number];

/** A pool engine laying dma_pool blocks behind the Linux services (--pools, --pools-exec). */
export type PoolsSpec = { readonly kind: 'module'; readonly path: string } | { readonly kind: 'exec'; readonly command: string };

/** Where the allocator under test comes from; the service layer's sources may bring their own pool engine. */
export type SourceSpec =
  | { readonly kind: 'reference'; readonly pools?: PoolsSpec }
  | { readonly kind: 'impl'; readonly path: string }
  | { readonly kind: 'exec'; readonly command: string }
  | { readonly kind: 'core'; readonly path: string; readonly pools?: PoolsSpec }
  | { readonly kind: 'core-exec'; readonly command: string; readonly pools?: PoolsSpec };

export interface RunArgs {
  readonly command: 'run';
  readonly source: SourceSpec;
  readonly runs?: number;
  readonly budget?: number;
  readonly seed?: number;
  readonly replay?: Replay;
  /** Clause ids or globs. */
  readonly only: ReadonlyArray<string>;
  /** Property names or globs. */
  readonly properties: ReadonlyArray<string>;
  readonly timeoutMs?: number;
  /** How long a sleeper may stay asleep once the allocator could meet its request. */
  readonly wakeDeadlineMs?: number;
  readonly reporter: ReporterName;
  readonly out?: string;
  readonly expectations?: string;
  readonly updateExpectations: boolean;
  readonly shard?: Shard;
  /** SHOULD failures fail the gate too. */
  readonly strict: boolean;
  /** Families the implementation must serve: one whose properties are all UNSUPPORTED fails the gate. */
  readonly requireFamilies: ReadonlyArray<Family>;
  /** The pretty report lists the clauses each passing property covered. */
  readonly verbose: boolean;
  /** Properties checked at once (default: the cores available). */
  readonly jobs?: number;
}

export const RUN_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--impl': {},
  '--exec': {},
  '--core': {},
  '--core-exec': {},
  '--pools': {},
  '--pools-exec': {},
  '--runs': {},
  '--budget': {},
  '--seed': {},
  '--replay': {},
  '--only': { repeat: true },
  '--property': { repeat: true },
  '--timeout': {},
  '--wake-deadline': {},
  '--reporter': {},
  '--out': {},
  '--expectations': {},
  '--update-expectations': { flag: true },
  '--shard': {},
  '--strict': { flag: true },
  '--require-family': { repeat: true },
  '--verbose': { flag: true },
  '--jobs': {},
};

function sourceOf(impl: string | undefined, exec: string | undefined, core?: string, coreExec?: string): SourceSpec {
  const named: Array<[string, string | undefined]> = [['--impl', impl], ['--exec', exec], ['--core', core], ['--core-exec', coreExec]];
  const given = named.filter(([, v]) => v !== undefined).map(([o]) => o);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} cannot be combined: test one allocator at a time`);
  if (coreExec !== undefined) {
    if (coreExec.trim() === '') throw new UsageError('--core-exec needs a command line');
    return { kind: 'core-exec', command: coreExec };
  }
  if (core !== undefined) {
    if (core === '') throw new UsageError('--core needs a module path');
    return { kind: 'core', path: core };
  }
  if (impl !== undefined) {
    if (impl === '') throw new UsageError('--impl needs a module path');
    return { kind: 'impl', path: impl };
  }
  if (exec !== undefined) {
    if (exec.trim() === '') throw new UsageError('--exec needs a command line');
    return { kind: 'exec', command: exec };
  }
  return { kind: 'reference' };
}

/** --pools / --pools-exec, added to a source of the service layer; a whole implementation lays its own pools. */
function withPools(source: SourceSpec, path: string | undefined, command: string | undefined): SourceSpec {
  if (path !== undefined && command !== undefined) throw new UsageError('--pools and --pools-exec cannot be combined: test one pool engine at a time');
  if (path === undefined && command === undefined) return source;
  const option = path !== undefined ? '--pools' : '--pools-exec';
  if (source.kind === 'impl' || source.kind === 'exec') {
    throw new UsageError(`${option} cannot be combined with --${source.kind}: a whole implementation lays its own pools (use it with the reference, --core or --core-exec)`);
  }
  if (path !== undefined) {
    if (path === '') throw new UsageError('--pools needs a module path');
    return { ...source, pools: { kind: 'module', path } };
  }
  if (command!.trim() === '') throw new UsageError('--pools-exec needs a command line');
  return { ...source, pools: { kind: 'exec', command: command! } };
}

function shardOf(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  try {
    return parseShard(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function parseRunArgs(argv: ReadonlyArray<string>, cwd: string = process.cwd()): RunArgs {
  const t = tokenize(argv, RUN_OPTIONS);
  if (t.positionals.length > 0) {
    const stray = t.positionals[0]!;
    throw new UsageError(suggestionFor(stray, cwd) ?? `unexpected argument '${stray}' (see dmaconform --help)`);
  }
  const get = (name: string) => single(t, name);
  const opt = <T>(name: string, parse: (option: string, text: string) => T): T | undefined => {
    const text = get(name);
    return text === undefined ? undefined : parse(name, text);
  };
  const reporter = opt('--reporter', (o, text) => oneOf(o, text, REPORTERS)) ?? 'pretty';
  const args: RunArgs = {
    command: 'run',
    source: withPools(sourceOf(get('--impl'), get('--exec'), get('--core'), get('--core-exec')), get('--pools'), get('--pools-exec')),
    runs: opt('--runs', positiveInt),
    budget: opt('--budget', positiveNumber),
    seed: opt('--seed', seed),
    replay: opt('--replay', (_, text) => replay(text)),
    only: all(t, '--only'),
    properties: all(t, '--property'),
    timeoutMs: opt('--timeout', positiveInt),
    wakeDeadlineMs: opt('--wake-deadline', positiveInt),
    reporter,
    out: outFor(reporter, get('--out')),
    expectations: get('--expectations'),
    updateExpectations: t.flags.has('--update-expectations'),
    shard: shardOf(get('--shard')),
    strict: t.flags.has('--strict'),
    requireFamilies: familyList('--require-family', all(t, '--require-family')),
    verbose: t.flags.has('--verbose'),
    jobs: opt('--jobs', positiveInt),
  };
  return checkCombinations(args);
}

function checkCombinations(args: RunArgs): RunArgs {
  if (args.runs !== undefined && args.budget !== undefined) throw new UsageError('--runs and --budget cannot be combined: --runs sets every property\'s count, --budget scales each one\'s own');
  if (args.replay !== undefined) {
    if (args.properties.length !== 1) throw new UsageError('--replay needs exactly one --property: the property whose failure printed the replay');
    if (args.seed !== undefined && args.seed !== args.replay.seed) throw new UsageError('--replay carries its own seed; drop --seed');
    if (args.shard !== undefined) throw new UsageError('--replay cannot be combined with --shard');
    if (args.updateExpectations) throw new UsageError('--replay cannot be combined with --update-expectations');
  }
  if (args.updateExpectations && args.expectations === undefined) throw new UsageError('--update-expectations needs --expectations FILE');
  return args;
}
