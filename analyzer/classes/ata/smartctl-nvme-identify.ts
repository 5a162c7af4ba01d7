/**
 * The Identify Controller fields smartctl prints of an NVMe drive in its information section (nvmeprint.cpp
 * print_drive_capabilities), stored as `nvme.id-ctrl` keys as nvme-cli's id-ctrl gives them: the optional admin and NVM
 * commands, the log page attributes and the composite temperature thresholds.
 */
export interface NvmeIdentify {
  /** MDTS: smartctl prints 2^MDTS pages (`Maximum Data Transfer Size: 512 Pages`), or `-` for 0 (no limit) with -x. */
  mdts?: number;
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
  const mdtsKey = keys.find((k) => k.replace(/\s+/g, ' ').trim() === 'Maximum Data Transfer Size');
  return defined({
    mdts: mdtsKey === undefined ? undefined : mdtsOf(fields[mdtsKey]!.trim()),
    oacs: hexIn('Optional Admin Commands'), oncs: hexIn('Optional NVM Commands'), lpa: hexIn('Log Page Attributes'),
    wctempK: kelvin('Warning Comp. Temp. Threshold'), cctempK: kelvin('Critical Comp. Temp. Threshold'),
  });
}

/** The exponent of a power of two of pages (`512 Pages` is 9); `-` is 0. */
function mdtsOf(printed: string | number): number | undefined {
  if (printed === '-') return 0;
  const pages = typeof printed === 'number' ? printed : /^(\d+) Pages$/.exec(printed)?.[1];
  const n = pages === undefined ? NaN : Number(pages);
  const exp = Math.log2(n);
  return Number.isInteger(exp) && exp >= 0 ? exp : undefined;
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
  const pages = integer(doc.nvme_maximum_data_transfer_pages);
  return defined({
    mdts: pages === undefined ? undefined : mdtsOf(pages),
    oacs: integer(obj(doc.nvme_optional_admin_commands).value), oncs: integer(obj(doc.nvme_optional_nvm_commands).value),
    lpa: integer(obj(doc.nvme_log_page_attributes).value), wctempK: celsius(thresholds.warning), cctempK: celsius(thresholds.critical),
  });
}

function defined(v: NvmeIdentify): NvmeIdentify {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as NvmeIdentify;
}
