import { ParseError } from '../../parsers/errors.js';

/** One designation descriptor of the Device Identification VPD page (SPC-5 7.7.6). */
export interface Designator {
  /** 0 vendor specific, 1 T10 vendor ID, 2 EUI-64, 3 NAA, 4 relative target port, 5 target port group, 8 SCSI name string, 0xa UUID… */
  type: number;
  typeName: string;
  /** 0 the logical unit, 1 the target port, 2 the target device. */
  association: 'lun' | 'target-port' | 'target-device' | 'reserved';
  /** Protocol identifier when PIV is set (6 = SAS, 0 = Fibre Channel), else undefined. */
  protocol?: number;
  /** ASCII designators as text; binary ones as lower-case hex; NAA prefixed `naa.`, EUI-64 `eui.`. */
  value: string;
}

const TYPE_NAMES: Record<number, string> = {
  0: 'vendor-specific', 1: 't10-vendor-id', 2: 'eui-64', 3: 'naa', 4: 'relative-target-port', 5: 'target-port-group',
  6: 'logical-unit-group', 7: 'md5-logical-unit', 8: 'scsi-name-string', 9: 'protocol-specific-port', 0xa: 'uuid',
};
const ASSOCIATION = ['lun', 'target-port', 'target-device', 'reserved'] as const;

/** The page header: byte 1 is the page code, bytes 2–3 the length of what follows (big-endian). */
function pageBody(data: Buffer, page: number): Buffer {
  if (data.length < 4) throw new ParseError('vpd', `VPD page 0x${page.toString(16)}: ${data.length} bytes, shorter than its 4-byte header`);
  if (data[1] !== page) throw new ParseError('vpd', `VPD page 0x${page.toString(16)}: the header names page 0x${data[1]!.toString(16)}`);
  const length = data.readUInt16BE(2);
  return data.subarray(4, Math.min(data.length, 4 + length));
}

/** Unit Serial Number VPD page (0x80): the product serial number, ASCII, trailing (and leading) spaces and NULs dropped. */
export function parseVpdSerial(data: Buffer): string {
  return pageBody(data, 0x80).toString('latin1').replace(/\0/g, ' ').trim();
}

/** Device Identification VPD page (0x83): every designator; a descriptor running past the page ends the list. */
export function parseVpdDesignators(data: Buffer): Designator[] {
  const body = pageBody(data, 0x83);
  const out: Designator[] = [];
  for (let at = 0; at + 4 <= body.length; ) {
    const codeSet = body[at]! & 0x0f;
    const piv = (body[at + 1]! & 0x80) !== 0;
    const association = ASSOCIATION[(body[at + 1]! >> 4) & 0x3]!;
    const type = body[at + 1]! & 0x0f;
    const length = body[at + 3]!;
    if (at + 4 + length > body.length) break;
    const raw = body.subarray(at + 4, at + 4 + length);
    const ascii = codeSet === 2 || codeSet === 3;
    let value = ascii ? raw.toString(codeSet === 3 ? 'utf8' : 'latin1').replace(/\0+$/, '').trim() : raw.toString('hex');
    if (!ascii && type === 3) value = `naa.${value}`;
    if (!ascii && type === 2) value = `eui.${value}`;
    if (!ascii && (type === 4 || type === 5)) value = String(raw.length >= 4 ? raw.readUInt16BE(2) : 0);
    out.push({ type, typeName: TYPE_NAMES[type] ?? `type-${type}`, association, ...(piv && association !== 'lun' ? { protocol: body[at]! >> 4 } : {}), value });
    at += 4 + length;
  }
  return out;
}

/** The logical unit's name: its first NAA designator, else EUI-64, else SCSI name string, else T10 vendor ID; undefined without one. */
export function logicalUnitName(designators: readonly Designator[]): string | undefined {
  const lu = designators.filter((d) => d.association === 'lun');
  for (const type of [3, 2, 8, 1]) {
    const d = lu.find((x) => x.type === type);
    if (d) return d.value;
  }
  return undefined;
}
