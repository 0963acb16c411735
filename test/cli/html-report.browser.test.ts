import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProperties } from '../../properties';
import { CLAUSES } from '../../spec/clauses';
import { browserTestsRun, openBrowser } from './browser';
import { ROOT, brokenCommand, cli } from './helpers';

/** Screenshots and the reports themselves are kept here for a person to look at (git-ignored). */
const ARTIFACTS = join(ROOT, 'test-artifacts', 'html-report');

let browser: Awaited<ReturnType<typeof openBrowser>>;
const RUNS = browserTestsRun();

beforeAll(async () => {
  if (!RUNS) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await openBrowser();
});
afterAll(async () => browser?.close());

/** Writes the report with the CLI and opens it; collects console errors, page errors and any request that is not the file itself. */
async function open(name: string, argv: string[], code: number): Promise<{ page: Page; problems: string[]; html: string }> {
  const file = join(ARTIFACTS, `${name}.html`);
  const r = await cli([...argv, '--reporter', 'html', '--out', file]);
  expect(r.code, r.stderr).toBe(code);
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  page.on('request', (req) => void (req.url() !== url && problems.push(`request: ${req.url()}`)));
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, problems, html: readFileSync(file, 'utf8') };
}

const visibleRows = (page: Page) => page.locator('#results tbody tr:not(.hidden)');

async function statuses(page: Page): Promise<string[]> {
  return visibleRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
}

describe.runIf(RUNS)('the HTML report in chromium', () => {
  it('a conforming reference run: verdict, every property passing, the clause register and its filter', async () => {
    const { page, problems } = await open('reference', ['--property', 'aix.placement', '--property', 'physcontig.placement', '--property', 'physcontig.interleaving', '--seed', '5', '--runs', '5'], 0);
    await expect.poll(() => page.locator('#verdict').textContent()).toBe(`CONFORMING on the selection only (3 of ${allProperties().length} properties: --property aix.placement --property physcontig.placement --property physcontig.interleaving): not a verdict on the whole allocator`);
    expect(await statuses(page)).toEqual(['PASS', 'PASS', 'PASS']);
    expect(await page.locator('section.failure').count()).toBe(0);
    expect(await page.locator('#register tbody tr').count()).toBe(CLAUSES.length);
    await page.fill('#filter-clauses', 'phys_boundary');
    const shown = await page.locator('#register tbody tr:not(.hidden)').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(CLAUSES.length);
    await page.screenshot({ path: join(ARTIFACTS, 'reference.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a failing mutant run: the failure drawn as an SVG memory map, the trace, the replay, and working filters', async () => {
    const { page, problems } = await open(
      'mutant',
      ['--impl', 'fixtures/mutants/crosses-boundary.ts', '--property', 'physcontig.placement', '--property', 'physcontig.invalid-requests', '--property', 'aix.placement', '--seed', '2', '--runs', '100'],
      1,
    );
    expect(await page.locator('#verdict').textContent()).toMatch(/^NOT CONFORMING/);
    const failure = page.locator('section.failure').first();
    const svg = failure.locator('svg.memmap');
    expect(await svg.isVisible()).toBe(true);
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(500);
    expect(await svg.locator('rect.run').count()).toBeGreaterThan(0);
    expect(await svg.locator('rect.ram').count()).toBeGreaterThan(0);
    // The boundary the run crosses is drawn and labelled with its exact address.
    expect(await svg.locator('text.crossed').first().textContent()).toMatch(/^boundary 0x[0-9a-f]+$/);
    expect(await failure.locator('pre').textContent()).toContain('kmem_alloc_physcontig(');
    expect(await failure.locator('p.promise').textContent()).toMatch(/^kmem_alloc_physcontig\.boundary \(MUST\): When phys_boundary is non-zero/);
    expect(await failure.locator('code.replay').textContent()).toMatch(/--property physcontig\.placement --replay \d+:[\d:]+/);

    await page.selectOption('#filter-status', 'FAIL');
    expect(await statuses(page)).toEqual(['FAIL']);
    expect(await svg.isVisible()).toBe(true);
    await page.selectOption('#filter-status', 'PASS');
    expect(await statuses(page)).toEqual(['PASS', 'PASS']);
    expect(await svg.isVisible()).toBe(false);
    await page.selectOption('#filter-status', '');
    await page.fill('#filter-text', 'invalid');
    expect(await visibleRows(page).locator('td:first-child').allTextContents()).toEqual(['physcontig.invalid-requests']);
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-strength', 'SHOULD');
    expect(await statuses(page)).toEqual([]);
    await page.selectOption('#filter-strength', 'MUST');
    expect((await statuses(page)).length).toBe(3);

    await failure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'mutant.png') });
    await svg.screenshot({ path: join(ARTIFACTS, 'mutant-map.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['exits.js', 'BROKEN'],
    ['hangs.js', 'TIMEOUT'],
  ])('an --exec run of %s: %s results with their traces, and the status filter', async (script, status) => {
    const { page, problems } = await open(
      `exec-${status.toLowerCase()}`,
      ['--exec', brokenCommand(script), '--property', 'aix.placement', '--property', 'aix.misuse', '--runs', '3', '--timeout', '300'],
      1,
    );
    expect(await statuses(page)).toEqual([status, status]);
    const failure = page.locator('section.failure').first();
    expect(await failure.isVisible()).toBe(true);
    expect(await failure.locator('h3').textContent()).toContain('no clause: the implementation crashed or hung');
    expect(await failure.locator('pre').textContent()).toContain('setup(');
    await page.selectOption('#filter-status', 'PASS');
    expect(await statuses(page)).toEqual([]);
    expect(await failure.isVisible()).toBe(false);
    await page.selectOption('#filter-status', status);
    expect((await statuses(page)).length).toBe(2);
    await failure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `exec-${status.toLowerCase()}.png`) });
    expect(problems).toEqual([]);
    await page.close();
  });
});
