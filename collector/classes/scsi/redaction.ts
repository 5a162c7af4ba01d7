import { type ClassRedaction, type Edit, type Layout, textEdit, wholeValue } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactHexId, redactIdentifier } from '../../../bundle/redact/values.js';

const under = (re: RegExp) => (n: string) => re.test(n);

/** An ASCII field of a VPD page: its trimmed core replaced in place, padding kept. */
function asciiField(d: Buffer, t: TokenMap, from: number, to: number): Edit[] {
  const text = d.toString('latin1', from, to).replace(/\0/g, ' ');
  const core = text.trim();
  if (!core || /[^\x20-\x7e]/.test(core)) return [];
  const at = from + text.indexOf(core);
  return textEdit(d, at, at + core.length, redactIdentifier(t, core, 'serial', false));
}

/** A binary identifier of 8 or 16 bytes (NAA, EUI-64) as a hex id token of that size. */
function binaryId(d: Buffer, t: TokenMap, from: number, length: number): Edit[] {
  const kind = length === 8 ? 'eui64' : length === 16 ? 'uuid' : undefined;
  if (!kind) return [];
  const raw = d.subarray(from, from + length);
  const out = Buffer.from(redactHexId(t, kind, raw.toString('hex')), 'hex');
  return out.equals(raw) ? [] : [{ offset: from, bytes: out }];
}

/** Unit Serial Number VPD page (0x80): the serial after the 4-byte header. */
function vpdSerial(d: Buffer, t: TokenMap): Edit[] {
  if (d.length < 4 || d[1] !== 0x80) return [];
  return asciiField(d, t, 4, Math.min(d.length, 4 + d.readUInt16BE(2)));
}

/**
 * Device Identification VPD page (0x83): NAA and EUI-64 designators become hex id tokens (the same token as the
 * `wwid` and SAS address spelling of the same name), the vendor-specific part of a T10 vendor ID (often model and
 * serial) and vendor-specific designators are learned as serials, SCSI name strings (`naa.…`, `eui.…`) keep their
 * prefix. Relative target port and port group numbers are not identifiers and stay.
 */
function vpdDesignators(d: Buffer, t: TokenMap): Edit[] {
  if (d.length < 4 || d[1] !== 0x83) return [];
  const end = Math.min(d.length, 4 + d.readUInt16BE(2));
  const edits: Edit[] = [];
  for (let at = 4; at + 4 <= end; ) {
    const ascii = (d[at]! & 0x0f) === 2 || (d[at]! & 0x0f) === 3;
    const type = d[at + 1]! & 0x0f;
    const from = at + 4;
    const to = from + d[at + 3]!;
    if (to > end) break;
    if (ascii && type === 1 && to - from > 8) edits.push(...asciiField(d, t, from + 8, to));
    else if (ascii && type === 0) edits.push(...asciiField(d, t, from, to));
    else if (ascii && type === 8) {
      const text = d.toString('latin1', from, to).replace(/\0+$/, '');
      const m = /^(naa\.|eui\.)([0-9a-fA-F]+)/.exec(text);
      if (m) edits.push(...textEdit(d, from + m[1]!.length, from + m[0].length, redactHexId(t, m[2]!.length === 16 ? 'eui64' : 'uuid', m[2]!)));
      else edits.push(...asciiField(d, t, from, to));
    } else if (!ascii && (type === 2 || type === 3)) edits.push(...binaryId(d, t, from, to - from));
    at = to;
  }
  return edits;
}

const LAYOUTS: Layout[] = [
  { name: 'scsi vpd unit serial', test: under(/^sys\/.*\/vpd_pg80$/), binary: true, learn: vpdSerial },
  { name: 'scsi vpd device identification', test: under(/^sys\/.*\/vpd_pg83$/), binary: true, learn: vpdDesignators },
  {
    name: 'sas address, fc world wide name',
    test: under(/^sys\/.*\/(?:host_sas_address|sas_address|port_name|node_name|permanent_port_name|fabric_name)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactHexId(t, 'eui64', v)),
  },
  {
    name: 'hba board serial',
    test: under(/^sys\/class\/scsi_host\/[^/]+\/(?:board_tracer|serial_num|serialnum)$/),
    binary: false,
    learn: (d, t) => wholeValue(d, (v) => redactIdentifier(t, v, 'serial', false)),
  },
];

/**
 * `lsscsi -i` (sos keeps it as `lsscsi`), `-w`, `-u` of an imported report: after the node, the device's udev id,
 * WWN or LU name, learned as identifiers (`/dev/sg` nodes and sizes are not).
 */
function lsscsiIds(d: Buffer, t: TokenMap): Edit[] {
  for (const line of d.toString('utf8').split(/\r?\n/)) {
    const m = /^\[\d+:\d+:\d+:\d+\] */.exec(line);
    if (!m || line.length < m[0].length + 38) continue;
    for (const w of line.slice(m[0].length + 38).trim().split(/\s+/).slice(1)) {
      if (w.length >= 6 && !w.startsWith('/dev/') && !/^\d+(?:\.\d+)?[KMGTP]?B?$/.test(w)) redactIdentifier(t, w.replace(/^0x/, ''), 'serial', false);
    }
  }
  return [];
}

/** SCSI, SAS and FC identifiers: VPD pages, SAS addresses, WWNs, HBA board serials (learned before collection too). */
export const redaction: ClassRedaction = {
  layouts: [...LAYOUTS, { name: 'lsscsi ids', test: under(/^cmd\/lsscsi\/[^/]+\.out$/), binary: false, learn: lsscsiIds }],
  seedPerEntry: [
    ['/sys/class/scsi_host', ['host_sas_address', 'board_tracer', 'serial_num', 'serialnum']],
    ['/sys/class/fc_host', ['port_name', 'node_name', 'permanent_port_name']],
  ],
};
