import { cleanText, type LineIssue } from '../../parsers/text-input.js';
import { euiFromParts, euiPart } from './lu-name-text.js';

/** What `sg_inq` (or `sg_vpd`) printed of one device: the standard INQUIRY, and the VPD pages 0x80, 0x83 and 0x89 as text. */
export interface SgInq {
  vendor?: string;
  product?: string;
  revision?: string;
  /** Peripheral device type (PDT=, Device_type=). */
  deviceType?: number;
  /** Unit serial number (VPD page 0x80), as printed after its label, trimmed. */
  serial?: string;
  /** The addressed logical unit's NAA designator (VPD page 0x83), as sg3_utils prints it: `0x` and hex digits. */
  naa?: string;
  /** Its EUI-64 designator (8, 12 or 16 bytes), printed alike: `0x` and hex digits. */
  eui64?: string;
  /** Its SCSI name string designator (`naa.…`, `eui.…`, `iqn.…`), as printed under `SCSI name string:`. */
  scsiName?: string;
  /** Its T10 vendor identification designator: the vendor id and the vendor specific part. */
  t10?: { vendor: string; specific?: string };
  /** ATA information (VPD page 0x89): the IDENTIFY DEVICE model, serial and firmware revision a SAT layer read from the drive. */
  ata?: { model?: string; serial?: string; firmware?: string };
  /** An NVMe device's Identify Controller summary, which sg_inq 1.43 on prints for an NVMe node instead of INQUIRY. */
  nvme?: { model?: string; serial?: string; firmware?: string };
  issues: LineIssue[];
}

// ATA information's IDENTIFY summary: `model:` before sg3_utils 1.49, `Model:` from it on.
const FIELD = /^\s*(Vendor identification|Product identification|Product revision level|Unit serial number|[Mm]odel|[Ss]erial number|[Ff]irmware revision)\s*:[ \t]?(.*)$/;
/**
 * sg3_utils' report of a command the device refused (sg_lib's sense decoding, printed by every tool of the package):
 * `Fixed format, current;  Sense key: Illegal Request`, `Additional sense: Invalid field in cdb`, `Raw sense data (in
 * hex):` over its bytes, `plus...: Driver_status=0x08 [DRIVER_SENSE, SUGGEST_OK]`, `Info fld=0x…`.
 */
export const SENSE_REPORT = /^\s*(?:(?:Fixed|Descriptor) format, (?:current|deferred)[;,].*|Additional sense: .*|Raw sense data \(in hex\).*|plus\.\.\.: .*|Info fld=0x[0-9a-f]+.*|Sense key: .*|(?:SCSI|Driver|Host) status: .*)$/i;

/** Lines sg_inq prints that hold nothing read here: INQUIRY bit fields, page headings, designator descriptions. */
const KNOWN = [
  /^\s*(?:standard INQUIRY|VPD INQUIRY|.*VPD page)\b.*:?\s*$/i,
  /^\s*\[?[A-Za-z_0-9]+=\S*\]?(?:\s+\(VS=\d\))?(?:\s+\[?[A-Za-z_0-9:]+=\S*\]?(?:\s+\(VS=\d\))?)*(?:\s+\[[A-Z]+-?\d*\])?\s*$/,
  /^\s*\[SPI:.*\]\s*$/,
  // ATA information (-p 0x89): the FIS and the IDENTIFY words as hex under these; a SCSI over PCIe port designator's routing ID.
  /^\s*(?:Signature \(Device to host FIS\):|response in hex:|Locally assigned UUID: [0-9a-f-]+|PCIe routing ID, bus number: 0x[0-9a-f]+|function number: 0x[0-9a-f]+|\[or device number: 0x[0-9a-f]+, function number: 0x[0-9a-f]+\])\s*$/i,
  /^\s*length=\d+/,
  /^\s*(?:Designation descriptor|Identification descriptor|Pre-SPC descriptor|designator[_ ]type|id_type|associated with|EUI-64 based|Identifier extension|IEEE identifier|Directory ID|vendor id:|SCSI name string|MD5 logical unit|UUID|Addressed logical unit|Target port|Target device|transport|NAA \d|IEEE Company_id|Vendor Specific|Relative target port|vendor specific|Port group|Logical unit group|SAT |Device signature|ATA command|Indicates transport|Command code|Supported VPD pages|Version descriptors|Code set|Association|Designator|Block Limits)/i,
  /^\s*(?:0x[0-9a-f]+|\[0x[0-9a-f]+\]|[0-9a-f]{2}(?:\s+[0-9a-f]{2})+.*)\s*$/i,
  /^\s*(?:SAM|SPC|SBC|SAS|SPL|SAT|SSC|SES|FC|SCC|ATA|iSCSI|UAS|USB)[-\s].*$/,
  /^\s*(?:Peripheral device type|PQual|Device_type|Unit serial number VPD|Device Identification VPD|ATA information VPD).*$/i,
  // The command itself, typed bare above its output (`sg_inq pd8`, `sudo sg_inq -p 0x80 /dev/sdb`).
  /^\s*(?:sudo\s+)?sg_inq(?:\s+[-\w/.=:]+)+\s*$/,
  // -v and -vv trace the commands sent: the device opened, each INQUIRY's cdb and what came back.
  /^\s*open \S+ with flags=0x[0-9a-f]+\s*$/i,
  SENSE_REPORT,
  /^\s*inquiry(?: cdb:(?:\s+[0-9a-f]{2})+|: (?:resid=-?\d+|duration=\d+ ms|pass-through requested \d+ bytes(?: \(data-in\))? but got \d+ bytes))\s*$/i,
];

/** sg_inq's heading over an NVMe device's Identify Controller summary (sg3_utils 1.43 on), and its identity lines. */
const NVME_HEADING = /^\s*Identify controller for \S+:\s*$/;
const NVME_FIELD = /^\s*(Model number|Serial number|Firmware revision):\s?(.*)$/;
/** The summary's lines a paste may leave at the margin: labelled values, the command sets and power states it lists. */
const NVME_MARGIN = /^(?:[A-Z][\w /[\]().,-]*:.*|[A-Z][\w /-]*(?: \w+)*|\[?[A-Z]+\]?,.*|No optional .*)$/;

/**
 * A designator's type as sg3_utils names it above its value: `designator type: EUI-64 based,` (sg3_utils 1.45 on),
 * `designator_type: NAA,` (before), `id_type: NAA,` (before 1.20); and the lines older versions print under a type
 * (`NAA 6, IEEE Company_id: …`, `EUI-64 based 8 byte identifier`).
 */
const DESIGNATOR_TYPE = /^\s*(?:designator[_ ]type|id_type):\s*([^,]+),/i;
const TYPE_LINE = /^\s*(?:(NAA) \d\b|(EUI-64) based \d+ byte identifier)/;

/**
 * `sg_inq <dev>`, `sg_inq -p 0x80|0x83|0x89 <dev>` (and sg_vpd's same pages): the identity fields read by their labels,
 * the addressed logical unit's designators by the type printed above each (a `0x…` value is an NAA only under NAA),
 * ATA information's IDENTIFY summary; any line that is none of sg_inq's is an issue with its line number.
 */
export function parseSgInq(text: string): SgInq {
  const out: SgInq = { issues: [] };
  let lu = false;
  let designator = '';
  let nameNext = false;
  let eui: Record<string, string> = {};
  // An EUI-64 printed in parts (sg3_utils 1.49 unless -q, -l before) is whole when its descriptor ends; its association is known by then.
  const endDesignator = (): void => {
    if (lu && designator.startsWith('eui-64')) out.eui64 ??= euiFromParts(eui);
    eui = {};
  };
  const ata: NonNullable<SgInq['ata']> = {};
  /** Inside `Identify controller for /dev/nvme0n1:` (sg_inq.c, the NVMe identify decode): its lines are sg_inq's. */
  let nvme: NonNullable<SgInq['nvme']> | undefined;
  for (const { no: line, text: raw } of cleanText(text).lines) {
    const l = raw.replace(/\s+$/, '');
    if (l.trim() === '') continue;
    if (NVME_HEADING.test(l)) {
      nvme = out.nvme ??= {};
      continue;
    }
    if (nvme && /^\s*(?:standard INQUIRY|VPD INQUIRY)\b/i.test(l)) nvme = undefined;
    if (nvme) {
      const f = NVME_FIELD.exec(l);
      if (f) nvme[f[1]!.startsWith('Model') ? 'model' : f[1]!.startsWith('Serial') ? 'serial' : 'firmware'] = f[2]!.trim();
      else if (/^\S/.test(l) && !NVME_MARGIN.test(l.trim())) out.issues.push({ line, text: l, message: 'not an sg_inq line (INQUIRY fields, VPD page 0x80, 0x83 or 0x89)' });
      continue;
    }
    const type = /\b(?:PDT|Device_type)=(\d+)/.exec(l);
    if (type && out.deviceType === undefined) out.deviceType = Number(type[1]);
    if (/^\s*(?:(?:Designation|Identification) descriptor number|(?:Addressed logical unit|Target port|Target device)[^,]*:\s*$)/i.test(l) || DESIGNATOR_TYPE.test(l)) endDesignator();
    if (/Addressed logical unit|associated with the (?:addressed )?logical unit/i.test(l)) lu = true;
    else if (/Target port|Target device|associated with the target/i.test(l)) lu = false;
    if (/^\s*(?:Designation|Identification) descriptor number|^\s*(?:Addressed logical unit|Target port|Target device):/i.test(l)) designator = '';
    const named = DESIGNATOR_TYPE.exec(l) ?? TYPE_LINE.exec(l);
    if (named) designator = (named[1] ?? named[2] ?? '').trim().toLowerCase();
    if (nameNext) {
      nameNext = false;
      if (lu) out.scsiName ??= l.trim();
      continue;
    }
    if (designator === 'scsi name string' && /^\s*SCSI name string:\s*$/i.test(l)) {
      nameNext = true;
      continue;
    }
    if (lu && designator.startsWith('eui-64') && euiPart(l, eui)) continue;
    const id = /^\s*\[?(0x[0-9a-f]{16,32})\]?\s*$/i.exec(l)?.[1]?.toLowerCase();
    if (id && lu && designator === 'naa') out.naa ??= id;
    if (id && lu && designator.startsWith('eui-64') && /^0x(?:[0-9a-f]{8}){2,4}$/.test(id)) out.eui64 ??= id;
    const t10 = /^\s*vendor (id|specific):\s*(.*)$/i.exec(l);
    if (t10 && lu && designator === 't10 vendor identification') {
      if (t10[1] === 'id') out.t10 ??= { vendor: t10[2]!.trim() };
      else if (out.t10 && out.t10.specific === undefined) out.t10.specific = t10[2]!.trim();
      continue;
    }
    const f = FIELD.exec(l);
    if (f) {
      const v = f[2]!.trim();
      if (f[1] === 'Vendor identification') out.vendor = v;
      // sg_inq prints `<none>` for an empty product or revision.
      else if (f[1] === 'Product identification') out.product = v === '<none>' ? undefined : v;
      else if (f[1] === 'Product revision level') out.revision = v === '<none>' ? undefined : v;
      else if (f[1] === 'Unit serial number') out.serial ??= v || undefined;
      else if (f[1]!.toLowerCase() === 'model') ata.model = v;
      else if (f[1]!.toLowerCase() === 'serial number') ata.serial = v;
      else ata.firmware = v;
      continue;
    }
    if (!KNOWN.some((k) => k.test(l))) out.issues.push({ line, text: l, message: 'not an sg_inq line (INQUIRY fields, VPD page 0x80, 0x83 or 0x89)' });
  }
  endDesignator();
  if (Object.keys(ata).length) out.ata = ata;
  if (out.nvme && Object.keys(out.nvme).length === 0) delete out.nvme;
  return out;
}
