import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINUX_FILES, linuxPackage, linuxSource } from '../../fixtures/external/linux/source';
import { linuxTestsRun } from './linux-helpers';

describe('linux-source: a missing package is reported, never passed over silently', () => {
  it('names the package and how to install it', () => {
    const pkg = linuxPackage({ packageName: 'linux-source-0.0-absent' });
    expect(pkg).toEqual({ found: false, reason: 'the Debian package linux-source-0.0-absent is not installed (apt-get install linux-source-0.0-absent)' });
    expect(linuxSource(LINUX_FILES, { packageName: 'linux-source-0.0-absent' }).found).toBe(false);
  });
});

describe.runIf(linuxTestsRun('extracting the Linux source'))('linux-source: only the needed files, once per package version', () => {
  const work = mkdtempSync(join(tmpdir(), 'dmaconform-linux-cache-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /*
   * A tarball laid out as the package's, small enough to extract at once: the
   * caching is what is checked here (the real tarball takes some 15 s, and the
   * tests building real kernel code extract from it anyway).
   */
  function tarball(name: string, files: ReadonlyArray<string>): { tarball: string; packageName: string } {
    const pkg = linuxPackage();
    if (!pkg.found) throw new Error(pkg.reason);
    const tree = join(work, `${name}-tree`);
    for (const f of files) {
      mkdirSync(dirname(join(tree, pkg.packageName, f)), { recursive: true });
      writeFileSync(join(tree, pkg.packageName, f), `/* ${f} */\n`.repeat(100));
    }
    const out = join(work, `${name}.tar.xz`);
    execFileSync('tar', ['-cJf', out, '-C', tree, pkg.packageName]);
    return { tarball: out, packageName: pkg.packageName };
  }

  it('extracts the files into a directory named after the version, then serves them from there', () => {
    const options = { ...tarball('whole', [...LINUX_FILES, 'mm/page_alloc.c']), cacheDir: join(work, 'cache') };
    const first = linuxSource(LINUX_FILES, options);
    if (!first.found) throw new Error(first.reason);
    expect(first.extracted).toBe(true);
    expect(first.root).toBe(join(options.cacheDir, `linux-${first.version}`, options.packageName));
    for (const f of LINUX_FILES) expect(statSync(join(first.root, f)).size).toBeGreaterThan(1000);
    // Only what was asked for: no other source file of the tree.
    expect(existsSync(join(first.root, 'mm', 'page_alloc.c'))).toBe(false);

    const again = linuxSource(LINUX_FILES, options);
    expect(again).toEqual({ ...first, extracted: false });
  });

  it('a tarball without a file it needs is reported with the file named, and nothing is left in the cache', () => {
    const options = { ...tarball('short', LINUX_FILES.slice(1)), cacheDir: join(work, 'short-cache') };
    // tar itself fails on a member it cannot find; either way the missing file is named.
    let found: ReturnType<typeof linuxSource> | Error;
    try {
      found = linuxSource(LINUX_FILES, options);
    } catch (e) {
      found = e as Error;
    }
    const text = found instanceof Error ? found.message : found.found ? 'found' : found.reason;
    expect(text).toContain(LINUX_FILES[0]);
    expect(readdirSync(options.cacheDir)).toEqual([]);
  });
});
