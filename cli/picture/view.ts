import { U64_MAX, hex } from '../../spec/address/u64';
import type { FailurePicture, PictureAllocation } from '../../properties/runner/picture';

/** A stretch of physical memory, both ends inclusive so the top of the 64-bit space stays representable. */
export interface Block {
  readonly base: bigint;
  readonly last: bigint;
  readonly kind: 'ram' | 'reserved' | 'hole' | 'live' | 'run';
  readonly label: string;
}

export type MarkKind = 'boundary' | 'alignment' | '16MiB' | '4GiB' | 'limit';

/** A line across the drawing at one address. */
export interface Mark {
  readonly at: bigint;
  readonly kind: MarkKind;
  readonly label: string;
  /** The offending run spans it (starts below, ends at or above). */
  readonly crossed: boolean;
}

export interface Span {
  readonly lo: bigint;
  readonly hi: bigint;
}

/**
 * A failure picture laid out for drawing: the whole map as an overview, and a
 * window around the allocation that matters, with the lines that explain it.
 * A 1 TiB map drawn at one scale would shrink a page-sized run to nothing, so
 * every detail is drawn in the window and the overview only says where it is.
 */
export interface PictureView {
  readonly overview: Span;
  readonly window: Span;
  readonly map: ReadonlyArray<Block>;
  readonly allocations: ReadonlyArray<Block>;
  /** Lines inside the window. */
  readonly marks: ReadonlyArray<Mark>;
  /** Lines too dense to draw one by one in the window, said in words. */
  readonly notes: ReadonlyArray<string>;
}

const MIB16 = 1n << 24n;
const GIB4 = 1n << 32n;
/** More lines than this in the window would be a grey smear, not a grid. */
const MAX_GRID_LINES = 32n;

const big = (s: string) => BigInt(s);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);

function mapBlocks(pic: FailurePicture): Block[] {
  const out: Block[] = [];
  let prev: bigint | undefined;
  for (const r of pic.ranges) {
    const base = big(r.base);
    const last = big(r.last);
    if (prev !== undefined && base > prev + 1n) out.push({ base: prev + 1n, last: base - 1n, kind: 'hole', label: 'hole (not in the map)' });
    out.push({ base, last, kind: r.type, label: r.type === 'ram' ? 'RAM' : 'reserved' });
    prev = prev === undefined ? last : max(prev, last);
  }
  return out;
}

function allocationBlocks(a: PictureAllocation, kind: 'live' | 'run', name: string): Block[] {
  return a.segments
    .filter((s) => big(s.length) > 0n)
    .map((s) => ({ base: big(s.phys), last: big(s.phys) + big(s.length) - 1n, kind, label: `${name} ${a.vaddr} (${s.length} bytes at ${s.phys})` }));
}

function focusOf(map: ReadonlyArray<Block>, allocations: ReadonlyArray<Block>): Span | undefined {
  const run = allocations.filter((b) => b.kind === 'run');
  const pick = run.length > 0 ? run : allocations.length > 0 ? allocations : map;
  if (pick.length === 0) return undefined;
  return { lo: pick.reduce((m, b) => min(m, b.base), U64_MAX), hi: pick.reduce((m, b) => max(m, b.last), 0n) };
}

function windowAround(focus: Span, pic: FailurePicture): Span {
  const len = focus.hi - focus.lo + 1n;
  const page = BigInt(pic.pageSize ?? 4096);
  const pad = max(len / 2n, 2n * page);
  let lo = focus.lo > pad ? focus.lo - pad : 0n;
  let hi = U64_MAX - focus.hi > pad ? focus.hi + pad : U64_MAX;
  lo -= lo % page;
  // Show the aligned addresses on either side of the start, when they are near enough to read at this scale.
  const alignment = pic.constraints === undefined ? 1n : big(pic.constraints.alignment);
  if (alignment > 1n && alignment <= 64n * max(len, page)) {
    const below = focus.lo - (focus.lo % alignment);
    lo = min(lo, below);
    if (U64_MAX - below >= alignment) hi = max(hi, below + alignment);
  }
  return { lo, hi };
}

function gridMarks(step: bigint, kind: MarkKind, w: Span, name: string, notes: string[]): Array<{ at: bigint; kind: MarkKind; label: string }> {
  if (step <= 1n) return [];
  const first = w.lo % step === 0n ? w.lo : w.lo + (step - (w.lo % step));
  if (first > w.hi) return [];
  const count = (w.hi - first) / step + 1n;
  if (count > MAX_GRID_LINES) {
    notes.push(`${name}: every ${hex(step)} bytes (${count} lines in this window, not drawn)`);
    return [];
  }
  const out = [];
  for (let at = first; at <= w.hi; at += step) out.push({ at, kind, label: `${name} ${hex(at)}` });
  return out;
}

export function fixedMarks(pic: FailurePicture, s: Span): Array<{ at: bigint; kind: MarkKind; label: string }> {
  const lines: Array<{ at: bigint; kind: MarkKind; label: string }> = [
    { at: MIB16, kind: '16MiB', label: '16 MiB' },
    { at: GIB4, kind: '4GiB', label: '4 GiB' },
  ];
  const limit = pic.constraints === undefined ? U64_MAX : big(pic.constraints.maxAddress);
  if (limit < U64_MAX) lines.push({ at: limit + 1n, kind: 'limit', label: `address limit: nothing at or above ${hex(limit + 1n)}` });
  return lines.filter((l) => l.at > s.lo && l.at <= s.hi);
}

/** `runName` names the allocation in focus: the offending one in a failure, the matching request in a conforming example. */
export function pictureView(pic: FailurePicture, runName = 'offending run'): PictureView {
  const map = mapBlocks(pic);
  const allocations = [
    ...pic.live.flatMap((a, i) => allocationBlocks(a, 'live', `live #${i + 1}`)),
    ...(pic.run === undefined ? [] : allocationBlocks(pic.run, 'run', runName)),
  ];
  const focus = focusOf(map, allocations) ?? { lo: 0n, hi: 0xfffffn };
  const overview = map.length === 0 ? focus : { lo: min(map[0]!.base, focus.lo), hi: max(map.reduce((m, b) => max(m, b.last), 0n), focus.hi) };
  const window = windowAround(focus, pic);
  const notes: string[] = [];
  const c = pic.constraints;
  const raw = [
    ...(c === undefined ? [] : gridMarks(big(c.boundary), 'boundary', window, 'boundary', notes)),
    ...(c === undefined ? [] : gridMarks(big(c.alignment), 'alignment', window, 'alignment', notes)),
    ...fixedMarks(pic, window),
  ];
  const runs = allocations.filter((b) => b.kind === 'run');
  // Every run spans alignment multiples past its start; only the other lines can be crossed wrongly.
  const marks = raw.map((m) => ({ ...m, crossed: m.kind !== 'alignment' && runs.some((r) => r.base < m.at && m.at <= r.last) }));
  return { overview, window, map, allocations, marks, notes };
}

/** Position of an address in [0, width] for a span, in exact bigint arithmetic until the small result. */
export function scale(at: bigint, s: Span, width: number): number {
  const clamped = at < s.lo ? s.lo : at > s.hi + 1n ? s.hi + 1n : at;
  return Number(((clamped - s.lo) * BigInt(Math.round(width * 1000))) / (s.hi - s.lo + 1n)) / 1000;
}
