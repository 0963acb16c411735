import { hex } from '../../spec/address/u64';
import type { FailurePicture } from '../../properties/runner/picture';
import { pictureView, scale, type Block, type PictureView, type Span } from './view';

const WIDTH = 64;
const FILL: Readonly<Record<Block['kind'], string>> = { ram: '=', reserved: '#', hole: ' ', live: 'o', run: 'X' };
const ADDR = 18;
const PRIORITY: ReadonlyArray<Block['kind']> = ['hole', 'ram', 'reserved', 'live', 'run'];

function bar(blocks: ReadonlyArray<Block>, s: Span, background: string): string {
  const cells = Array.from({ length: WIDTH }, () => background);
  // Drawn in rising importance, so a run a cell wide is never hidden by the hole or RAM it shares the cell with.
  for (const b of [...blocks].sort((x, y) => PRIORITY.indexOf(x.kind) - PRIORITY.indexOf(y.kind))) {
    if (b.last < s.lo || b.base > s.hi) continue;
    const from = Math.floor(scale(b.base, s, WIDTH));
    // Anything in the span gets at least one cell, however small it is at this scale.
    const to = Math.max(from + 1, Math.ceil(scale(b.last + 1n, s, WIDTH)));
    for (let i = from; i < Math.min(to, WIDTH); i++) cells[i] = FILL[b.kind];
  }
  return cells.join('');
}

function markRow(v: PictureView): string {
  const cells = Array.from({ length: WIDTH }, () => ' ');
  for (const m of v.marks) {
    const i = Math.min(WIDTH - 1, Math.floor(scale(m.at, v.window, WIDTH)));
    cells[i] = m.kind === 'alignment' ? ':' : m.crossed ? '!' : '|';
  }
  return cells.join('');
}

const pad = (text: string) => text.padStart(ADDR);

/**
 * The memory map in text: an overview of the whole map with the window
 * marked, the window at a readable scale (RAM, holes, live allocations, the
 * offending run, and the lines that matter), then every edge exactly.
 */
export function drawPicture(pic: FailurePicture, runName = 'offending run'): string[] {
  const v = pictureView(pic, runName);
  const inWindow = (b: Block) => b.last >= v.window.lo && b.base <= v.window.hi;
  const overviewMark = Array.from({ length: WIDTH }, (_, i) => {
    const from = Math.floor(scale(v.window.lo, v.overview, WIDTH));
    const to = Math.max(from + 1, Math.ceil(scale(v.window.hi + 1n, v.overview, WIDTH)));
    return i >= from && i < to ? '^' : ' ';
  }).join('');
  const lines = [
    `whole map  ${hex(v.overview.lo)} .. ${hex(v.overview.hi)}`,
    `  [${bar(v.map, v.overview, ' ')}]`,
    `   ${overviewMark}  (window below)`,
    `window     ${hex(v.window.lo)} .. ${hex(v.window.hi)}`,
    `  [${bar(v.map.filter(inWindow), v.window, ' ')}]  map`,
    `  [${bar(v.allocations.filter(inWindow), v.window, ' ')}]  allocations`,
    `   ${markRow(v)}   lines`,
    `  = RAM  # reserved  (blank) hole  o live  X ${runName}  | line  ! line the run crosses  : alignment`,
  ];
  const edges: Array<[bigint, string]> = [
    ...v.map.filter(inWindow).map((b): [bigint, string] => [b.base, `${b.label} ${hex(b.base)}..${hex(b.last)}`]),
    ...v.allocations.filter(inWindow).map((b): [bigint, string] => [b.base, `${b.label}, last byte ${hex(b.last)}`]),
    ...v.marks.map((m): [bigint, string] => [m.at, `${m.label}${m.crossed ? `  <- crossed by the ${runName}` : ''}`]),
  ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  lines.push(...edges.map(([at, text]) => `  ${pad(hex(at))}  ${text}`));
  lines.push(...v.notes.map((n) => `  ${n}`));
  if (pic.constraints !== undefined) {
    const c = pic.constraints;
    lines.push(`  held to: alignment ${c.alignment}, boundary ${c.boundary === '0x0' ? 'none' : c.boundary}, limit ${c.maxAddress}, ${c.contiguous ? 'contiguous' : 'scatter allowed'}${c.noZeroAddress ? ', not at address 0' : ''}`);
  }
  return lines;
}
