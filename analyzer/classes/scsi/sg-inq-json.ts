import { readJsonOutput } from '../../parsers/json-output.js';
import type { SgInq } from './sg-inq.js';

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** A string field as sg_inq prints it, space padded to its INQUIRY width (`"ATA     "`): trimmed, empty as none. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** A number member, plain (`"peripheral_device_type": 0`) or, with the JSON options `h` or `s`, an object holding it as `i`. */
const int = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : obj(v).i;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};

/**
 * `sg_inq --json` (`-j`, sg3_utils 1.48 on): the standard INQUIRY's `standard_inquiry_data_format` (vendor, product
 * and revision as the INQUIRY holds them, space padded; the peripheral device type), and the unit serial number of
 * `-p 0x80`'s `unit_serial_number_vpd_page`. A designator's NAA is printed split into its parts (naa, company id,
 * vendor specific identifier as numbers), not read; nor is the ATA information page, whose JSON gives no IDENTIFY strings.
 */
export function parseSgInqJson(text: string): SgInq {
  const read = readJsonOutput('sg_inq-json', text);
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
  return out;
}
