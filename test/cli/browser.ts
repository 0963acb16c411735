import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium, as .ci/run installs it; the tests drive it, they never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where else a chromium is commonly found; DMACONFORM_CHROMIUM names one anywhere. */
const CANDIDATES = [CHROMIUM, '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

/** The browser the tests drive, or null if there is none on this machine. */
export function findChromium(): string | null {
  const named = process.env.DMACONFORM_CHROMIUM;
  if (named !== undefined && named !== '') return existsSync(named) ? named : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

/**
 * Whether the browser tests run: always under CI (CI=true), where a missing
 * browser must fail them, and elsewhere only when a browser is found, so
 * that `npm test` passes on a fresh machine; a skip says so in one line.
 */
export function browserTestsRun(): boolean {
  if (process.env.CI === 'true' || findChromium() !== null) return true;
  process.stderr.write(`dmaconform tests: no chromium found (${CHROMIUM}; install it, or name one in DMACONFORM_CHROMIUM): the HTML report's browser test is skipped; under CI=true it is required\n`);
  return false;
}

/** A headless chromium with a fresh, empty profile and nothing that talks to the network by itself. */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = findChromium();
  if (executablePath === null || !existsSync(executablePath)) throw new Error(`no chromium at ${executablePath ?? CHROMIUM}: apt-get install chromium (.ci/run does so)`);
  const profile = mkdtempSync(join(tmpdir(), 'dmaconform-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
