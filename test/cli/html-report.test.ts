import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FailurePicture } from '../../properties/runner/picture';
import { pictureView } from '../../cli/picture/view';
import { drawPicture } from '../../cli/picture/text';
import { failureSvg } from '../../cli/report/html/svg';
import { CLAUSES } from '../../spec/clauses';
import { ROOT, cli } from './helpers';

const TIB = 1n << 40n;
const hex = (n: bigint) => `0x${n.toString(16)}`;

/** A 1 TiB map with a hole below 4 GiB and a page-sized run crossing a 64 KiB boundary high up. */
const BIG: FailurePicture = {
  pageSize: 4096,
  ranges: [
    { base: '0x0', last: hex(0xc0000000n - 1n), type: 'ram' },
    { base: hex(0xc0000000n), last: hex(0xffffffffn), type: 'reserved' },
    { base: hex(1n << 32n), last: hex(TIB - 1n), type: 'ram' },
  ],
  live: [{ vaddr: '0xffff800000000000', size: '0x2000', segments: [{ phys: hex(0xfe_0000_0000n - 0x3000n), length: '0x2000' }] }],
  run: { vaddr: '0xffff800000010000', size: '0x2000', segments: [{ phys: hex(0xfe_0000_0000n - 0x1000n), length: '0x2000' }] },
  constraints: { alignment: '0x1000', boundary: '0x10000', maxAddress: '0xffffffffffffffff', contiguous: true, noZeroAddress: false, maxSegments: 1 },
};

describe('drawing a failure', () => {
  it('zooms a 1 TiB map to the run and keeps the whole map as an overview', () => {
    const v = pictureView(BIG);
    expect(v.overview).toEqual({ lo: 0n, hi: TIB - 1n });
    expect(v.window.hi - v.window.lo).toBeLessThan(0x100000n);
    expect(v.window.lo <= 0xfe_0000_0000n - 0x1000n && v.window.hi >= 0xfe_0000_0000n).toBe(true);
    const crossed = v.marks.filter((m) => m.crossed);
    expect(crossed).toEqual([{ at: 0xfe_0000_0000n, kind: 'boundary', label: 'boundary 0xfe00000000', crossed: true }]);
    // The live neighbour is in the window too.
    expect(v.allocations.map((b) => b.kind)).toEqual(['live', 'run']);
  });

  it('draws the run wide enough to see in the SVG, with exact 64-bit labels', () => {
    const svg = failureSvg(BIG);
    const widths = [...svg.matchAll(/<rect class="run" x="[\d.]+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // A sliver in the overview strip, and wide in the zoomed window.
    expect(widths.length).toBe(2);
    expect(Math.max(...widths)).toBeGreaterThan(40);
    expect(svg).toContain('>0xfdfffff000<');
    expect(svg).toContain('>boundary 0xfe00000000<');
    expect(svg).toContain(`>${hex(TIB - 1n)}<`);
  });

  it('keeps addresses exact at the top of the 64-bit space', () => {
    const top: FailurePicture = {
      pageSize: 4096,
      ranges: [{ base: '0xffffffffff000000', last: '0xffffffffffffffff', type: 'ram' }],
      live: [],
      run: { vaddr: '0x1000', size: '0x1000', segments: [{ phys: '0xfffffffffffff000', length: '0x1000' }] },
      constraints: { alignment: '0x1', boundary: '0x0', maxAddress: '0xffffffff', contiguous: true, noZeroAddress: false, maxSegments: 1 },
    };
    const text = drawPicture(top).join('\n');
    expect(text).toContain('0xfffffffffffff000');
    expect(text).toContain('last byte 0xffffffffffffffff');
    expect(pictureView(top).window.hi).toBe((1n << 64n) - 1n);
  });
});

describe('--reporter html', () => {
  it('is one self-contained page: no external scripts, styles, fonts or images, and every clause in the register', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dmaconform-html-'));
    const r = await cli(['--impl', join(ROOT, 'fixtures/mutants/crosses-boundary.ts'), '--property', 'physcontig.placement', '--seed', '2', '--runs', '100', '--reporter', 'html'], { cwd });
    expect(r.code).toBe(1);
    // Without --out the page goes to a file, never to the terminal.
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\ndmaconform: report written to dmaconform-report\.html\n$/);
    const html = readFileSync(join(cwd, 'dmaconform-report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<link|\ssrc=|url\(|@import|@font-face/i);
    // The only URL is the SVG namespace, which is a name, not something fetched.
    expect(html.match(/https?:\/\/[^"\s]+/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toMatch(/<svg class="memmap"/);
    expect((html.match(/<tr data-text=/g) ?? []).length).toBe(CLAUSES.length);
    expect(r.stderr).toMatch(/NOT CONFORMING/);
  });
});
