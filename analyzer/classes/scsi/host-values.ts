/**
 * What the scsi_host attributes of each driver mean: which one holds the running firmware, the BIOS/option ROM,
 * the firmware in flash. Attribute names from the drivers' host attribute tables; value shapes in test/scsi.
 */
export interface HostVersions {
  firmware?: { attribute: string; version: string };
  bios?: { attribute: string; version: string };
  /** Firmware in the adapter's flash (qla2xxx optrom_fw_version), which runs after the next load when the driver does not load its own. */
  stored?: { attribute: string; version: string };
  nvdata?: { attribute: string; version: string };
  /** lpfc fwrev after the comma: the SLI interface level (`sli-3`, `sli-4:2:b`). */
  sli?: string;
}

/** Attributes that hold the running firmware, first found wins (per driver before the shared names). */
const FIRMWARE_BY_DRIVER: Record<string, readonly string[]> = {
  lpfc: ['fwrev'],
  aacraid: ['hba_kernel_version'],
  bfa: ['firmware_version'],
};
const FIRMWARE = ['fw_version', 'version_fw', 'firmware_revision', 'firmware_version'] as const;
const BIOS_BY_DRIVER: Record<string, readonly string[]> = {
  qla2xxx: ['optrom_bios_version'],
  lpfc: ['option_rom_version'],
  bfa: ['option_rom_version'],
  aacraid: ['hba_bios_version'],
};
const BIOS = ['version_bios'] as const;

/** A version value, or undefined for the empty strings and placeholders drivers print when they have none. */
function meaningful(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t && !/^(?:n\/?a|unknown|none)$/i.test(t) ? t : undefined;
}

/** lpfc `fwrev`: "<rev>, sli-<n>" or "<rev>, sli-<n>:<if type>:<feature>" (lpfc_attr.c lpfc_fwrev_show). */
export function splitLpfcFwrev(v: string): { version: string; sli?: string } {
  const m = /^(.*?),\s*(sli-\S+)$/.exec(v.trim());
  return m ? { version: m[1]!.trim(), sli: m[2]! } : { version: v.trim() };
}

export function hostVersions(driver: string | undefined, value: (attribute: string) => string | undefined): HostVersions {
  const out: HostVersions = {};
  const first = (names: readonly string[]): { attribute: string; version: string } | undefined => {
    for (const attribute of names) {
      const version = meaningful(value(attribute));
      if (version) return { attribute, version };
    }
    return undefined;
  };
  const d = driver ?? '';
  const fw = first([...(FIRMWARE_BY_DRIVER[d] ?? []), ...FIRMWARE]);
  if (fw && fw.attribute === 'fwrev') {
    const { version, sli } = splitLpfcFwrev(fw.version);
    out.firmware = { attribute: fw.attribute, version };
    if (sli) out.sli = sli;
  } else if (fw) out.firmware = fw;
  const bios = first([...(BIOS_BY_DRIVER[d] ?? []), ...BIOS]);
  if (bios) out.bios = bios;
  if (d === 'qla2xxx') {
    const stored = first(['optrom_fw_version']);
    if (stored) out.stored = stored;
  }
  const nvdata = first(['version_nvdata_persistent']);
  if (nvdata) out.nvdata = nvdata;
  return out;
}

/**
 * The firmware version in an FC port's symbolic name, as the drivers build it for the fabric name server:
 * qla2xxx "<model> FW:v<fw> DVR:v<driver>" (qla_gs.c qla2x00_get_sym_node_name), lpfc "Emulex <model> FV<fw>
 * DV<driver> HN:<host> OS:<os>" (lpfc_ct.c lpfc_vport_symbolic_node_name); undefined for other shapes.
 */
export function symbolicNameFirmware(name: string): string | undefined {
  return /(?:^|\s)FW:v(\S+)/.exec(name)?.[1] ?? /^Emulex\s.*?\sFV(\S+)\s+DV/.exec(name)?.[1];
}
