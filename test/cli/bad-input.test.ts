import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers';

const BAD: ReadonlyArray<[string, string[], RegExp]> = [
  ['an unknown option', ['--frob'], /unknown option '--frob'/],
  ['an option without its value', ['--runs'], /--runs needs a value/],
  ['a --runs that is not a number', ['--runs', 'abc'], /--runs: 'abc'/],
  ['a --runs of zero', ['--runs', '0'], /positive integer/],
  ['a negative --budget', ['--budget', '-1'], /--budget/],
  ['a fractional --seed', ['--seed', '1.5'], /--seed/],
  ['an unknown reporter', ['--reporter', 'xml'], /pretty, json, junit/],
  ['a bad shard', ['--shard', '0/2'], /--shard/],
  ['--runs together with --budget', ['--runs', '3', '--budget', '2'], /cannot be combined/],
  ['--impl together with --exec', ['--impl', 'a.ts', '--exec', 'b'], /cannot be combined/],
  ['--replay without --property', ['--replay', '1:2'], /exactly one --property/],
  ['--replay of a glob matching many', ['--property', 'aix.*', '--replay', '1:0'], /matches \d+ properties/],
  ['a --replay path beyond any shrink', ['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--replay', '7:0:999999'], /--replay 7:0:999999: property aix\.placement has no counterexample at that path/],
  ['a --replay path deeper than the shrink tree', ['--impl', 'fixtures/mutants/ignores-align.ts', '--property', 'aix.placement', '--replay', `7${':0'.repeat(300)}`], /has no counterexample at that path/],
  ['a malformed --replay', ['--property', 'aix.placement', '--replay', 'abc'], /seed:path/],
  ['a property that does not exist', ['--property', 'aix.nothing'], /no property matches/],
  ['a clause that does not exist', ['--only', 'no.such-clause'], /no clause matches/],
  ['a stray argument', ['stray'], /unexpected argument 'stray'/],
  ['a core given as a bare path', ['./fixtures/cores/first-fit.ts'], /^dmaconform: '\.\/fixtures\/cores\/first-fit\.ts' exports a placement core: run dmaconform --core \.\/fixtures\/cores\/first-fit\.ts\n$/],
  ['an implementation given as a bare path', ['fixtures/examples/my-allocator.ts', '--seed', '1'], /^dmaconform: 'fixtures\/examples\/my-allocator\.ts' exports an implementation: run dmaconform --impl fixtures\/examples\/my-allocator\.ts\n$/],
  ['a module path that names no file', ['./my-core.ts'], /^dmaconform: '\.\/my-core\.ts' is no file; a module is tested with --impl PATH \(an allocator\) or --core PATH \(a placement core\)\n$/],
  ['a program given as a bare path', ['.ci/run'], /^dmaconform: '\.ci\/run' is a program: run dmaconform --exec \.ci\/run for an allocator speaking the exec protocol, or --core-exec \.ci\/run for a placement core\n$/],
  ['an unknown family required', ['--require-family', 'aix,svr4'], /--require-family: 'svr4' is not a family/],
  ['an option given twice', ['--runs=3', '--runs', '4'], /--runs given more than once/],
  ['a flag with a value', ['--strict=yes'], /--strict takes no value/],
  ['an unknown short option', ['-x'], /unknown option '-x'/],
  ['an empty --impl', ['--impl='], /--impl needs a module path/],
  ['--update-expectations without a file', ['--update-expectations'], /needs --expectations/],
  ['an expectations file that is missing', ['--expectations', 'no/such/file.json'], /cannot read/],
  ['a missing --impl file', ['--impl', 'fixtures/no-such-allocator.ts'], /no such file/],
  ['a module without an implementation', ['--impl', 'fixtures/external/ts-broken/no-implementation.ts'], /exports neither createImplementation/],
  ['a module whose export lacks methods', ['--impl', 'fixtures/external/ts-broken/malformed.ts'], /translate\(\) is missing/],
  ['a JSON file as a module', ['--impl', 'package.json'], /exports neither/],
  ['--pools with a whole implementation', ['--impl', 'fixtures/examples/my-allocator.ts', '--pools', 'fixtures/correct/pools/chunk-per-block.ts'], /^dmaconform: --pools cannot be combined with --impl: a whole implementation lays its own pools/],
  ['--pools together with --pools-exec', ['--pools', 'a.ts', '--pools-exec', 'b'], /--pools and --pools-exec cannot be combined/],
  ['a missing --pools file', ['--pools', 'fixtures/no-such-pools.ts'], /--pools: no such file/],
  ['a --pools module that exports a placement core', ['--pools', 'fixtures/cores/first-fit.ts'], /--pools fixtures\/cores\/first-fit\.ts: the module exports neither createPools\(\)/],
  ['a --pools-exec process that is a placement core', ['--pools-exec', 'node fixtures/cores/exec/first-fit.js'], /--pools-exec .*: cannot start the pool engine: .*no pool engine/],
  ['an --exec command that does not exist', ['--exec', 'no-such-dmaconform-allocator --flag'], /cannot start the implementation: .*127.*not found/],
  ['--out in a missing directory', ['--out', 'no/such/dir/report.json'], /--out: cannot write 'no\/such\/dir\/report.json': no such directory 'no\/such\/dir'/],
  ['--out naming a directory', ['--out', 'docs'], /--out: cannot write 'docs': it is a directory/],
  ['--out under a file', ['--out', 'package.json/report.xml'], /'package.json' is not a directory/],
  ['clauses --out in a missing directory', ['clauses', '--out', 'no/such/dir/c.md'], /no such directory/],
  ['clauses with two formats', ['clauses', '--json', '--markdown'], /cannot be combined/],
  ['clauses with an unknown option', ['clauses', '--frob'], /unknown option/],
  ['clauses filtered by a service that does not exist', ['clauses', '--service', 'kmem_nope'], /matches no service/],
  ['clauses filtered by an unknown strength', ['clauses', '--strength', 'OUGHT'], /--strength: 'OUGHT' is not one of MUST, SHOULD, MAY/],
  ['the rules document filtered', ['clauses', '--rules', '--service', 'd_*'], /documents every clause/],
];

describe('bad input', () => {
  it.each(BAD)('%s: exit 2 and exactly one line on stderr', async (_, argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dmaconform: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
  });

  it.skipIf(process.getuid?.() === 0)('--out in a folder that cannot be written: exit 2 before running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmaconform-ro-'));
    chmodSync(dir, 0o500);
    try {
      const r = await cli(['--out', join(dir, 'report.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^dmaconform: --out: cannot write .*is not writable\n$/);
    } finally {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a module that throws while loading: exit 2, the message, then why in a block', async () => {
    const r = await cli(['--impl', 'fixtures/external/ts-broken/load-error.ts']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dmaconform: --impl fixtures\/external\/ts-broken\/load-error\.ts: cannot load the module:\n {2}Error: ts-broken: cannot open \/dev\/dmaalloc0\n/);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
    expect(r.stdout).toMatch(/\b3 internal error of the suite itself/);
    for (const option of ['--core-exec', '--require-family', '--verbose', 'dmaconform-report.html']) expect(r.stdout).toContain(option);
    for (const option of ['--impl', '--exec', '--replay', '--shard', '--expectations', '--update-expectations', '--reporter', 'html', 'explain', '--rules']) expect(r.stdout).toContain(option);
  });

  it('accepts --name=value and negative seeds', async () => {
    const r = await cli(['--property=aix.unknown-flags', '--runs=2', '--seed', '-7', '--reporter=json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).seed).toBe(-7);
  });
});
