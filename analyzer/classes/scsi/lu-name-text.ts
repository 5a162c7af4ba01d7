/** The designators of the addressed logical unit a text output (sg_inq, sg_vpd) printed, each as sg3_utils prints it. */
export interface PrintedDesignators {
  naa?: string;
  eui64?: string;
  scsiName?: string;
  t10?: { vendor: string; specific?: string };
}

/**
 * The logical unit's name as the VPD page's own reader gives it (vpd.ts `logicalUnitName`): its NAA (`naa.<hex>`), else
 * its EUI-64 (`eui.<hex>`), else its SCSI name string, else its T10 vendor identification (the vendor id in its 8
 * columns, then the vendor specific part); undefined without one.
 */
export function printedLuName(d: PrintedDesignators): string | undefined {
  if (d.naa) return `naa.${d.naa.replace(/^0x/, '')}`;
  if (d.eui64) return `eui.${d.eui64.replace(/^0x/, '')}`;
  if (d.scsiName) return d.scsiName;
  if (d.t10) return `${d.t10.vendor.padEnd(8)}${d.t10.specific ?? ''}`.trim();
  return undefined;
}
