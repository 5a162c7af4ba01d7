/**
 * The Identify Controller fields smartctl prints of an NVMe drive in its information section (nvmeprint.cpp
 * print_drive_capabilities), stored as `nvme.id-ctrl` keys as nvme-cli's id-ctrl gives them: the optional admin and NVM
 * commands, the log page attributes and the composite temperature thresholds.
 */
export interface NvmeIdentify {
  oacs?: number;
  oncs?: number;
  lpa?: number;
  /** WCTEMP and CCTEMP in Kelvin (smartctl prints Celsius, `kelvin_to_str`: K − 273, `-` for none). */
  wctempK?: number;
  cctempK?: number;
}

const KELVIN = 273;

/** The text's lines: `Optional Admin Commands (0x0017):   …`, `Warning  Comp. Temp. Threshold:     100 Celsius`. */
export function textNvmeIdentify(fields: Record<string, string>): NvmeIdentify {
  const keys = Object.keys(fields);
  const hexIn = (name: string): number | undefined => {
    const key = keys.find((k) => k.replace(/\s+/g, ' ').startsWith(`${name} (`));
    const hex = key === undefined ? undefined : /\((0x[0-9a-f]+)\)$/i.exec(key.trim())?.[1];
    return hex === undefined ? undefined : Number.parseInt(hex, 16);
  };
  const kelvin = (name: string): number | undefined => {
    const key = keys.find((k) => k.replace(/\s+/g, ' ').trim() === name);
    const c = key === undefined ? undefined : /^(-?\d+) Celsius$/.exec(fields[key]!.trim())?.[1];
    return c === undefined ? undefined : Number(c) + KELVIN;
  };
  return defined({
    oacs: hexIn('Optional Admin Commands'), oncs: hexIn('Optional NVM Commands'), lpa: hexIn('Log Page Attributes'),
    wctempK: kelvin('Warning Comp. Temp. Threshold'), cctempK: kelvin('Critical Comp. Temp. Threshold'),
  });
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const integer = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
const celsius = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v + KELVIN : undefined);

/**
 * smartctl 7.5's -j members: `nvme_optional_admin_commands`, `nvme_optional_nvm_commands` and `nvme_log_page_attributes`
 * (each with its `value`), `nvme_composite_temperature_threshold` `warning` / `critical` in Celsius (only when set).
 */
export function jsonNvmeIdentify(doc: Record<string, unknown>): NvmeIdentify {
  const thresholds = obj(doc.nvme_composite_temperature_threshold);
  return defined({
    oacs: integer(obj(doc.nvme_optional_admin_commands).value), oncs: integer(obj(doc.nvme_optional_nvm_commands).value),
    lpa: integer(obj(doc.nvme_log_page_attributes).value), wctempK: celsius(thresholds.warning), cctempK: celsius(thresholds.critical),
  });
}

function defined(v: NvmeIdentify): NvmeIdentify {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as NvmeIdentify;
}
