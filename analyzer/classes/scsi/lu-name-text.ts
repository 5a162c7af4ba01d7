/** The designators of the addressed logical unit a text output (sg_inq, sg_vpd) printed, each as sg3_utils prints it. */
export interface PrintedDesignators {
  naa?: string;
  eui64?: string;
  scsiName?: string;
  t10?: { vendor: string; specific?: string };
}

/**
 * The logical unit's name as the VPD page's own reader gives it (vpd.ts `logicalUnitName`): its NAA (`naa.<hex>`), else
 * its EUI-64 (`eui.<hex>`), else its SCSI name string (its runs of spaces one space: a translation of an NVMe drive pads
 * the model in it, and a paste that made tabs of a run gives it back as other spaces), else its T10 vendor identification
 * (the vendor id in its 8 columns, then the vendor specific part); undefined without one.
 */
export function printedLuName(d: PrintedDesignators): string | undefined {
  if (d.naa) return `naa.${d.naa.replace(/^0x/, '')}`;
  if (d.eui64) return `eui.${d.eui64.replace(/^0x/, '')}`;
  if (d.scsiName) return d.scsiName.replace(/\s+/g, ' ');
  if (d.t10) return `${d.t10.vendor.padEnd(8)}${d.t10.specific ?? ''}`.trim();
  return undefined;
}

/**
 * An EUI-64 designator's parts as sg3_utils prints them (lib/sg_lib.c sg_get_designation_descriptor_str): from 1.49 unless -q,
 * before only with -l, and then without the whole value: `Identifier extension: 0x…` (16 bytes), `IEEE identifier: 0x…`
 * (1.48 on) or `IEEE Company_id: 0x…` and `Vendor Specific Extension Identifier: 0x…` (before), `Directory ID: 0x…` (12 bytes).
 */
const EUI_PARTS: readonly [RegExp, string, number][] = [
  [/^Identifier extension: 0x([0-9a-f]+)$/i, 'ext', 16],
  [/^IEEE identifier: 0x([0-9a-f]+)$/i, 'ieee', 16],
  [/^IEEE Company_id: 0x([0-9a-f]+)$/i, 'company', 6],
  [/^Vendor Specific Extension Identifier: 0x([0-9a-f]+)$/i, 'vsei', 10],
  [/^Directory ID: 0x([0-9a-f]+)$/i, 'dir', 8],
];

/** Adds the EUI-64 part a line prints to `parts`; false for a line that is none. */
export function euiPart(line: string, parts: Record<string, string>): boolean {
  for (const [re, key, digits] of EUI_PARTS) {
    const hex = re.exec(line.trim())?.[1];
    if (hex !== undefined && hex.length <= digits) {
      parts[key] = hex.toLowerCase().padStart(digits, '0');
      return true;
    }
  }
  return false;
}

/** The EUI-64 designator its parts make (`0x` and 16, 24 or 32 hex digits, as sg3_utils prints the whole value); undefined without them. */
export function euiFromParts(parts: Readonly<Record<string, string>>): string | undefined {
  const id = parts.ieee ?? (parts.company !== undefined && parts.vsei !== undefined ? parts.company + parts.vsei : undefined);
  return id === undefined ? undefined : `0x${parts.ext ?? ''}${id}${parts.dir ?? ''}`;
}
