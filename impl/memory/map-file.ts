import { readFileSync } from 'fs';
import { hex, parseU64 } from '../../spec/address/u64';
import type { MemoryMap, MemoryRange } from '../../spec/interface/memory-map';

/*
 * The on-disk form of a memory map:
 *   { "name": "...", "ranges": [ { "base": "0x0", "length": "0x9f000", "type": "ram" }, ... ] }
 * Addresses are strings because JSON numbers lose precision above 2^53; a
 * number is accepted only while it is still exact.
 */

const RANGE_KEYS = new Set(['base', 'length', 'type']);
const MAP_KEYS = new Set(['name', 'ranges']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(obj: Record<string, unknown>, allowed: Set<string>): string | undefined {
  return Object.keys(obj).find((k) => !allowed.has(k));
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/**
 * Parses the JSON form. `source` (a path, usually) names the map in errors;
 * without it the map's own name is used. Only the shape and the numbers are
 * checked here: overlaps and page rounding belong to normalizeMemoryMap.
 */
export function parseMemoryMapJson(text: string, source?: string): MemoryMap {
  let label = source ?? '<text>';
  const fail = (Kind: new (m: string) => Error, detail: string): never => {
    throw new Kind(`memory map ${label}: ${detail}`);
  };

  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(SyntaxError, `invalid JSON: ${firstLine((e as Error).message)}`);
  }
  if (!isRecord(doc)) return fail(TypeError, 'expected a JSON object with a "ranges" array');
  if (doc.name !== undefined && typeof doc.name !== 'string') fail(TypeError, '"name" must be a string');
  const name = doc.name as string | undefined;
  if (source === undefined && name !== undefined) label = name;
  const extra = unknownKey(doc, MAP_KEYS);
  if (extra !== undefined) fail(TypeError, `unexpected key ${JSON.stringify(extra)} (expected "name" and "ranges")`);
  if (!Array.isArray(doc.ranges)) fail(TypeError, '"ranges" must be an array');

  const ranges = (doc.ranges as unknown[]).map((entry, i): MemoryRange => {
    const where = `ranges[${i}]`;
    if (!isRecord(entry)) return fail(TypeError, `${where} must be an object with base, length and type`);
    const key = unknownKey(entry, RANGE_KEYS);
    if (key !== undefined) fail(TypeError, `${where} has unexpected key ${JSON.stringify(key)}`);
    if (entry.type !== 'ram' && entry.type !== 'reserved') {
      fail(TypeError, `${where}.type is ${JSON.stringify(entry.type)}, expected "ram" or "reserved"`);
    }
    const number = (field: 'base' | 'length'): bigint => {
      if (entry[field] === undefined) return fail(TypeError, `${where}.${field} is missing`);
      try {
        return parseU64(entry[field], `${where}.${field}`);
      } catch (e) {
        return fail(e instanceof RangeError ? RangeError : TypeError, firstLine((e as Error).message));
      }
    };
    return { base: number('base'), length: number('length'), type: entry.type as MemoryRange['type'] };
  });
  return name === undefined ? { ranges } : { name, ranges };
}

/** Reads and parses a map file; errors name the path. */
export function readMemoryMapFile(path: string): MemoryMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`memory map ${path}: cannot read: ${firstLine((e as Error).message)}`);
  }
  return parseMemoryMapJson(text, path);
}

/** The JSON form, one range per line, addresses in hex; parseMemoryMapJson reads it back unchanged. */
export function memoryMapToJson(map: MemoryMap): string {
  const lines = map.ranges.map(
    (r) => `    { "base": ${JSON.stringify(hex(r.base))}, "length": ${JSON.stringify(hex(r.length))}, "type": ${JSON.stringify(r.type)} }`,
  );
  const head = map.name === undefined ? '' : `  "name": ${JSON.stringify(map.name)},\n`;
  const body = lines.length === 0 ? '  "ranges": []\n' : `  "ranges": [\n${lines.join(',\n')}\n  ]\n`;
  return `{\n${head}${body}}\n`;
}
