import { FAMILIES, type Family } from '../../spec/interface/implementation';
import { show } from './codec';
import { PROTOCOL_VERSION, type HelloResult } from './wire';

/** Checks the answer to `hello`: a name, our protocol version, known families only. */
export function decodeHello(raw: unknown): HelloResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError(`hello result ${show(raw)} is not an object`);
  const { name, protocol, families, heapOf, placementCore, reset, ping } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') throw new TypeError(`hello: name ${show(name)} is not a non-empty string`);
  if (protocol !== PROTOCOL_VERSION) throw new TypeError(`hello: protocol ${show(protocol)}, but the harness speaks version ${PROTOCOL_VERSION}`);
  if (!Array.isArray(families)) throw new TypeError(`hello: families ${show(families)} is not an array`);
  const known: Family[] = [];
  for (const f of families) {
    if (!FAMILIES.includes(f as Family)) throw new TypeError(`hello: family ${show(f)} is not one of ${FAMILIES.join(', ')}`);
    if (!known.includes(f as Family)) known.push(f as Family);
  }
  if (heapOf !== undefined && typeof heapOf !== 'boolean') throw new TypeError(`hello: heapOf ${show(heapOf)} is not a boolean`);
  if (placementCore !== undefined && typeof placementCore !== 'boolean') throw new TypeError(`hello: placementCore ${show(placementCore)} is not a boolean`);
  if (reset !== undefined && typeof reset !== 'boolean') throw new TypeError(`hello: reset ${show(reset)} is not a boolean`);
  if (ping !== undefined && typeof ping !== 'boolean') throw new TypeError(`hello: ping ${show(ping)} is not a boolean`);
  return { name, protocol, families: known, heapOf: heapOf === true, placementCore: placementCore === true, reset: reset === true, ping: ping === true };
}
