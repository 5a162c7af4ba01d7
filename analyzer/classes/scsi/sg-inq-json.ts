import { readJsonOutput } from '../../parsers/json-output.js';
import type { SgInq } from './sg-inq.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
/** A string field as sg_inq prints it, space padded to its INQUIRY width (`"ATA     "`): trimmed, empty as none. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/**
 * A number member, plain (`"peripheral_device_type": 0`) or, with the JSON options `h` or `s`, an object holding it as
 * `i` (and with `h` as `hex`); one too large for a double (a 64-bit designator part) was kept as its digits by `exact`.
 */
const big = (v: unknown): bigint | undefined => {
  const o = obj(v);
  if (typeof o.hex === 'string' && /^[0-9a-f]+$/i.test(o.hex)) return BigInt(`0x${o.hex}`);
  const n = typeof v === 'number' || typeof v === 'string' ? v : o.i;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return BigInt(n);
  return typeof n === 'string' && /^-?\d+$/.test(n) ? BigInt(n) : undefined;
};
const int = (v: unknown): number | undefined => {
  const n = big(v);
  return n === undefined ? undefined : Number(n);
};
/** `n` as `digits` hex digits; sg3_utils prints a 64-bit part as a signed integer, so a negative one is its two's complement. */
const hex = (n: bigint, digits: number): string => BigInt.asUintN(digits * 4, n).toString(16).padStart(digits, '0');

/**
 * JSON.parse keeps no more than 53 bits of an integer: sg3_utils' 64-bit designator parts (an NAA 6's vendor specific
 * identifier extension, an NAA 3's locally administered value) are kept as their digits, quoted, before parsing.
 */
const exact = (text: string): string => text.replace(/(":\s*)(-?\d{16,})(?=\s*[,}\]\n])/g, '$1"$2"');

/**
 * An NAA designator as sg_inq --json prints it, split into its parts (sg3_utils' sgj_haj_designation_descriptor):
 * put back together as its text prints it, `0x` and 16 or 32 hex digits; the whole when `-j=h` printed it too.
 */
function naaOf(d: Obj): string | undefined {
  const whole = d.full_naa_hexbytes;
  if (typeof whole === 'string' && /^[0-9a-f\s]+$/i.test(whole)) return `0x${whole.replace(/\s+/g, '').toLowerCase()}`;
  const naa = int(d.naa);
  const aoi = big(d.aoi);
  const vsi = big(d.vendor_specific_identifier);
  if (naa === 5 && aoi !== undefined && vsi !== undefined) return `0x5${hex(aoi, 6)}${hex(vsi, 9)}`;
  const ext = big(d.vendor_specific_identifier_extension);
  if (naa === 6 && aoi !== undefined && vsi !== undefined && ext !== undefined) return `0x6${hex(aoi, 6)}${hex(vsi, 9)}${hex(ext, 16)}`;
  const a = big(d.vendor_specific_identifier_a);
  const b = big(d.vendor_specific_identifier_b);
  if (naa === 2 && a !== undefined && aoi !== undefined && b !== undefined) return `0x2${hex(a, 3)}${hex(aoi, 6)}${hex(b, 6)}`;
  const local = big(d.locally_administered_value);
  if (naa === 3 && local !== undefined) return `0x3${hex(local, 15)}`;
  return undefined;
}

/** The addressed logical unit's designators of `-p 0x83`'s `designation_descriptor_list` (association 0), as the text parser keeps them. */
function readDesignators(list: unknown, out: SgInq): void {
  for (const d of Array.isArray(list) ? list.map(obj) : []) {
    if ((int(d.association) ?? 0) !== 0) continue;
    const type = int(d.designator_type);
    if (type === 3) out.naa ??= naaOf(d);
    else if (type === 2 && int(d.eui_64_based_designator_length) === 8) {
      const id = big(d.ieee_identifier);
      if (id !== undefined) out.eui64 ??= `0x${hex(id, 16)}`;
    } else if (type === 8) {
      const name = str(d.scsi_name_string);
      if (name !== undefined) out.scsiName ??= name;
    } else if (type === 1 && typeof d.t10_vendor_identification === 'string') {
      const specific = typeof d.vendor_specific_identifier === 'string' ? d.vendor_specific_identifier.trim() : undefined;
      out.t10 ??= { vendor: d.t10_vendor_identification.trim(), ...(specific ? { specific } : {}) };
    }
  }
}

/**
 * `sg_inq --json` (`-j`, sg3_utils 1.48 on): the standard INQUIRY's `standard_inquiry_data_format` (vendor, product
 * and revision as the INQUIRY holds them, space padded; the peripheral device type), the unit serial number of
 * `-p 0x80`'s `unit_serial_number_vpd_page`, the addressed logical unit's designators of `-p 0x83` (an NAA printed
 * split into its parts is put back together), and ATA information (`-p 0x89`): the drive's own IDENTIFY model, serial
 * and firmware revision that sg3_utils 1.49 prints under `ata_command_identify_device_response_summary` (1.48 prints
 * only the SAT layer's strings there, which are the translator's, not the drive's).
 */
export function parseSgInqJson(text: string): SgInq {
  const read = readJsonOutput('sg_inq-json', exact(text));
  const doc = obj(read.doc);
  const std = obj(doc.standard_inquiry_data_format);
  const usn = obj(doc.unit_serial_number_vpd_page);
  const out: SgInq = { issues: read.cut ? [read.cut] : [] };
  const vendor = str(std.t10_vendor_identification);
  const product = str(std.product_identification);
  const revision = str(std.product_revision_level);
  const type = int(std.peripheral_device_type) ?? int(usn.peripheral_device_type);
  const serial = str(usn.unit_serial_number);
  if (vendor !== undefined) out.vendor = vendor;
  if (product !== undefined) out.product = product;
  if (revision !== undefined) out.revision = revision;
  if (type !== undefined) out.deviceType = type;
  if (serial !== undefined) out.serial = serial;
  readDesignators(obj(doc.device_identification_vpd_page).designation_descriptor_list, out);
  const summary = obj(obj(doc.ata_information_vpd_page).ata_command_identify_device_response_summary);
  const ata = { model: str(summary.model), serial: str(summary.serial_number), firmware: str(summary.firmware_revision) };
  if (ata.model !== undefined || ata.serial !== undefined || ata.firmware !== undefined) {
    out.ata = Object.fromEntries(Object.entries(ata).filter(([, v]) => v !== undefined));
  }
  return out;
}
