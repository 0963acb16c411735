import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const cacheDir = mkdtempSync(join(tmpdir(), 'dmaconform-linux-cache-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('extracts the files into a directory named after the version, then serves them from there', () => {
    const first = linuxSource(LINUX_FILES, { cacheDir });
    if (!first.found) throw new Error(first.reason);
    expect(first.extracted).toBe(true);
    expect(first.root).toBe(join(cacheDir, `linux-${first.version}`, 'linux-source-6.12'));
    for (const f of LINUX_FILES) expect(statSync(join(first.root, f)).size).toBeGreaterThan(1000);
    // Only what was asked for: no other source file of the tree.
    expect(existsSync(join(first.root, 'mm', 'page_alloc.c'))).toBe(false);

    const again = linuxSource(LINUX_FILES, { cacheDir });
    expect(again).toEqual({ ...first, extracted: false });
  });
});
