import type { AdbDb, AdbField } from './adb.js';
import { msbAddress, readBits, readBitsBig } from './bits.js';

export interface DecodedField {
  /** Dotted path below the register: `fw_info.extended_major`, `sw_info.rom0_version.major`, `x[3]`. */
  path: string;
  value: number | bigint | string;
  /** Enum name of the value, or what the description says about the field (deprecated fields read 0). */
  note?: string;
}

/** A description's sentence about deprecation, e.g. "Deprecated and returns '0'. Refer to extended_major." */
function deprecationNote(descr: string): string | undefined {
  const flat = descr.replace(/\s*\n\s*/g, ' ').trim();
  const i = flat.search(/deprecated/i);
  return i < 0 ? undefined : flat.slice(i);
}

const printable = (b: Buffer): boolean => b.every((c) => c === 0 || (c >= 0x20 && c < 0x7f));

/**
 * Decodes a register image (the register data of an ACCESS_REG answer) into named leaf fields using an
 * ADB layout. Arrays of bytes that hold text become one string field; other arrays are expanded per element.
 */
export function decodeRegister(adb: AdbDb, register: string, data: Buffer): DecodedField[] {
  const nodeName = adb.registerNodes.get(register) ?? (adb.nodes.has(register) ? register : undefined);
  if (!nodeName) throw new Error(`${adb.source} has no layout for register ${register}`);
  const out: DecodedField[] = [];
  walk(adb, nodeName, 0, '', data, out, 0);
  return out;
}

function walk(adb: AdbDb, nodeName: string, baseBit: number, prefix: string, data: Buffer, out: DecodedField[], depth: number): void {
  const node = adb.nodes.get(nodeName);
  if (!node) throw new Error(`${adb.source}: node ${nodeName} is not defined`);
  if (depth > 16) throw new Error(`${adb.source}: node ${nodeName} nests too deep`);
  for (const f of node.fields) {
    if (f.name.startsWith('reserved')) continue;
    const path = prefix + f.name;
    if (f.array) decodeArray(adb, f, baseBit, path, data, out, depth);
    else decodeOne(adb, f, baseBit + msbAddress(f.offset.byte, f.offset.bit, f.sizeBits), f.sizeBits, path, data, out, depth);
  }
}

function decodeOne(adb: AdbDb, f: AdbField, address: number, bits: number, path: string, data: Buffer, out: DecodedField[], depth: number): void {
  if (f.subnode) {
    walk(adb, f.subnode, address, `${path}.`, data, out, depth + 1);
    return;
  }
  const value = bits <= 53 ? readBits(data, address, bits) : readBitsBig(data, address, bits);
  if (value === undefined) return;
  const d: DecodedField = { path, value };
  const label = typeof value === 'number' ? f.enumValues?.get(value) : undefined;
  const note = label ?? deprecationNote(f.descr);
  if (note) d.note = note;
  out.push(d);
}

function decodeArray(adb: AdbDb, f: AdbField, baseBit: number, path: string, data: Buffer, out: DecodedField[], depth: number): void {
  const { low, high } = f.array!;
  const count = high === undefined ? 1 : high - low + 1;
  const elemBits = f.sizeBits / count;
  const first = baseBit + msbAddress(f.offset.byte, f.offset.bit, elemBits);
  if (elemBits === 8 && !f.subnode) {
    const start = first / 8;
    const bytes = data.subarray(start, start + count);
    if (bytes.length === count && printable(bytes)) {
      const nul = bytes.indexOf(0);
      out.push({ path, value: bytes.subarray(0, nul < 0 ? count : nul).toString('latin1') });
      return;
    }
  }
  // Big-endian arrays are contiguous in MSB-first bit addresses: element i starts i element sizes later.
  for (let i = 0; i < count; i++) decodeOne(adb, f, first + i * elemBits, elemBits, `${path}[${low + i}]`, data, out, depth);
}
