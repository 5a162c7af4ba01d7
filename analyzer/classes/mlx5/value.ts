/** One value cell of an mlxconfig/mstconfig query, as the tool prints it (never contains whitespace). */
export interface MlxValue {
  raw: string;
  /** The number in `NAME(n)`, or a plain decimal / 0x-hex integer (a BYTES parameter's hex digits stay raw). */
  number?: number;
  /** The enum or boolean name in `NAME(n)` (`False`, `_256KB`, `DEVICE_DEFAULT`). */
  label?: string;
  /** `Array[lo..hi]`: an array parameter the query did not expand. */
  array?: { low: number; high: number };
}

const ENUM = /^(.+)\((-?\d+)\)$/;
const ARRAY = /^Array\[(\d+)\.\.(\d+)\]$/;
/**
 * A number as the tool prints one (`%u`, `%d`: no leading zero, at most ten digits). A run of digits with a leading zero
 * or longer is a BYTES parameter's hex (`CUSTOMIZATION_NUMBER 00000000000000000000000000001234`, mstflint 4.36 on), no number.
 */
const DECIMAL = /^-?(?:0|[1-9]\d{0,9})$/;
const HEX = /^0x[0-9a-f]+$/i;

/** Classifies a printed value; text that is neither enum, array nor integer stays raw only. */
export function parseMlxValue(raw: string): MlxValue {
  const e = ENUM.exec(raw);
  if (e) return { raw, label: e[1]!, number: Number(e[2]) };
  const a = ARRAY.exec(raw);
  if (a) return { raw, array: { low: Number(a[1]), high: Number(a[2]) } };
  if (DECIMAL.test(raw)) return { raw, number: Number(raw) };
  if (HEX.test(raw) && raw.length <= 10) return { raw, number: Number.parseInt(raw.slice(2), 16) };
  return { raw };
}

/** The value as stored in the settings table: its number when it has one, else the printed text. */
export function settingValue(v: MlxValue): string | number {
  return v.number ?? v.raw;
}
