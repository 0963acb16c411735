import { hex } from '../../../spec/address/u64';
import type { FailurePicture } from '../../../properties/runner/picture';
import { fixedMarks, pictureView, scale, type Block, type Mark, type PictureView, type Span } from '../../picture/view';
import { esc } from './escape';

const W = 960;
const LEFT = 90;
const INNER = W - LEFT - 20;
const OVERVIEW_Y = 22;
const OVERVIEW_H = 16;
const MAP_Y = 96;
const LANE_H = 34;
const ALLOC_Y = MAP_Y + LANE_H + 10;
const H = ALLOC_Y + LANE_H + 58;

const x = (at: bigint, s: Span) => (LEFT + scale(at, s, INNER)).toFixed(2);

function rect(b: Block, s: Span, y: number, h: number): string {
  if (b.last < s.lo || b.base > s.hi) return '';
  const x0 = LEFT + scale(b.base, s, INNER);
  // However small at this scale, a block stays visible.
  const w = Math.max(2, LEFT + scale(b.last + 1n, s, INNER) - x0);
  return `<rect class="${b.kind}" x="${x0.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${h}"><title>${esc(`${b.label}: ${hex(b.base)}..${hex(b.last)}`)}</title></rect>`;
}

/** CSS class names may not start with a digit. */
const kindClass = (k: Mark['kind']) => (k === '16MiB' || k === '4GiB' ? 'fixed' : k);

function markLine(m: Mark, s: Span, labelled: boolean, row: number): string {
  const px = x(m.at, s);
  const cls = `mark ${kindClass(m.kind)}${m.crossed ? ' crossed' : ''}`;
  const title = `<title>${esc(`${m.label}${m.crossed ? ' (the run spans it)' : ''}`)}</title>`;
  const line = `<line class="${cls}" x1="${px}" x2="${px}" y1="${MAP_Y - 6}" y2="${ALLOC_Y + LANE_H + 6}">${title}</line>`;
  if (!labelled) return line;
  const text = m.kind === 'alignment' ? hex(m.at) : `${m.kind === 'boundary' ? 'boundary ' : m.kind === 'limit' ? 'limit ' : `${m.label} `}${hex(m.at)}`;
  return `${line}<text class="${cls}" x="${px}" y="${ALLOC_Y + LANE_H + 20 + row * 12}" text-anchor="middle">${esc(text)}</text>`;
}

/** The run's first and last byte, exact, just above its lane. */
function runLabels(b: Block, s: Span): string {
  if (b.last < s.lo || b.base > s.hi) return '';
  return (
    `<text class="runlabel" x="${x(b.base, s)}" y="${ALLOC_Y - 2}">${hex(b.base)}</text>` +
    `<text class="runlabel" x="${x(b.last + 1n, s)}" y="${ALLOC_Y - 2}" text-anchor="end">${hex(b.last)}</text>`
  );
}

/** Labels only where they can be read: the lines the run crosses, the fixed lines, and a sparse grid. */
function marks(v: PictureView): string {
  const important = v.marks.filter((m) => m.crossed || m.kind === '16MiB' || m.kind === '4GiB' || m.kind === 'limit');
  const rest = v.marks.filter((m) => !important.includes(m));
  const sparse = rest.length <= 6 ? rest : [];
  const labelled = new Set([...important, ...sparse]);
  let row = 0;
  return v.marks.map((m) => markLine(m, v.window, labelled.has(m), labelled.has(m) ? row++ % 3 : 0)).join('');
}

function fixedInOverview(pic: FailurePicture, v: PictureView): string {
  return fixedMarks(pic, v.overview)
    .map((m) => {
      const px = x(m.at, v.overview);
      return `<line class="mark ${kindClass(m.kind)}" x1="${px}" x2="${px}" y1="${OVERVIEW_Y - 4}" y2="${OVERVIEW_Y + OVERVIEW_H + 4}"><title>${esc(m.label)}</title></line>`;
    })
    .join('');
}

/**
 * The physical memory map of one failure: the whole map as a strip with the
 * zoomed window outlined, then the window at a readable scale: RAM, holes
 * and reserved ranges, live allocations, the offending run, and the
 * boundary, alignment, limit, 16 MiB and 4 GiB lines inside it.
 */
export function failureSvg(pic: FailurePicture, runName = 'offending run'): string {
  const v = pictureView(pic, runName);
  const wx0 = LEFT + scale(v.window.lo, v.overview, INNER);
  const wx1 = Math.max(wx0 + 3, LEFT + scale(v.window.hi + 1n, v.overview, INNER));
  const body = [
    `<text class="axis" x="4" y="${OVERVIEW_Y + 12}">whole map</text>`,
    `<rect class="hole" x="${LEFT}" y="${OVERVIEW_Y}" width="${INNER}" height="${OVERVIEW_H}"/>`,
    ...v.map.map((b) => rect(b, v.overview, OVERVIEW_Y, OVERVIEW_H)),
    ...v.allocations.map((b) => rect(b, v.overview, OVERVIEW_Y + 4, OVERVIEW_H - 8)),
    fixedInOverview(pic, v),
    `<rect class="zoom" x="${wx0.toFixed(2)}" y="${OVERVIEW_Y - 3}" width="${(wx1 - wx0).toFixed(2)}" height="${OVERVIEW_H + 6}"><title>the window drawn below</title></rect>`,
    `<text class="addr" x="${LEFT}" y="${OVERVIEW_Y - 6}">${hex(v.overview.lo)}</text>`,
    `<text class="addr" x="${LEFT + INNER}" y="${OVERVIEW_Y - 6}" text-anchor="end">${hex(v.overview.hi)}</text>`,
    `<line class="zoomlink" x1="${wx0.toFixed(2)}" y1="${OVERVIEW_Y + OVERVIEW_H + 3}" x2="${LEFT}" y2="${MAP_Y - 22}"/>`,
    `<line class="zoomlink" x1="${wx1.toFixed(2)}" y1="${OVERVIEW_Y + OVERVIEW_H + 3}" x2="${LEFT + INNER}" y2="${MAP_Y - 22}"/>`,
    `<text class="addr" x="${LEFT}" y="${MAP_Y - 10}">${hex(v.window.lo)}</text>`,
    `<text class="addr" x="${LEFT + INNER}" y="${MAP_Y - 10}" text-anchor="end">${hex(v.window.hi)}</text>`,
    `<text class="axis" x="4" y="${MAP_Y + 21}">memory map</text>`,
    `<text class="axis" x="4" y="${ALLOC_Y + 21}">allocations</text>`,
    `<rect class="hole" x="${LEFT}" y="${MAP_Y}" width="${INNER}" height="${LANE_H}"/>`,
    ...v.map.map((b) => rect(b, v.window, MAP_Y, LANE_H)),
    ...v.allocations.filter((b) => b.kind === 'live').map((b) => rect(b, v.window, ALLOC_Y, LANE_H)),
    ...v.allocations.filter((b) => b.kind === 'run').map((b) => rect(b, v.window, ALLOC_Y, LANE_H)),
    ...v.allocations.filter((b) => b.kind === 'run').map((b) => runLabels(b, v.window)),
    marks(v),
  ];
  return `<svg class="memmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="physical memory map">${body.join('')}</svg>`;
}

/** Every edge of the window at its exact address: what the drawing shows, to the byte. */
export function edgesTable(pic: FailurePicture, runName = 'offending run'): string {
  const v = pictureView(pic, runName);
  const inWindow = (b: Block) => b.last >= v.window.lo && b.base <= v.window.hi;
  const rows: Array<[bigint, string, string]> = [
    ...v.map.filter(inWindow).map((b): [bigint, string, string] => [b.base, hex(b.last), b.label]),
    ...v.allocations.filter(inWindow).map((b): [bigint, string, string] => [b.base, hex(b.last), b.label]),
    ...v.marks.map((m): [bigint, string, string] => [m.at, '', `${m.label}${m.crossed ? ' (the run spans it)' : ''}`]),
  ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const notes = v.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('');
  return `<table class="edges"><thead><tr><th>address</th><th>last byte</th><th>what</th></tr></thead><tbody>${rows
    .map(([at, last, what]) => `<tr><td><code>${hex(at)}</code></td><td><code>${last}</code></td><td>${esc(what)}</td></tr>`)
    .join('')}</tbody></table>${notes}`;
}
