/**
 * nvme-cli 1.x prints its counters and capacities (smart-log's data units, id-ctrl's tnvmcap, id-ns's nvmcap) with
 * printf's `'` flag: grouped by the locale's separator — `7,681,501,126,656` (en_US), `7.681.501.126.656` (de_DE),
 * `7 681 501 126 656` (a narrow no-break space: pl_PL, fr_FR), `7’681’501’126’656` (de_CH). One separator throughout,
 * three digits in each later group; the leading run of such digits of a value, without its separators.
 */
const GROUPED = /^(-?\d{1,3}(?:([,.\s'’])\d{3})(?:\2\d{3})*)(?=$|[\s%°CK(\[])/u;

/** The digits of a value's leading grouped number (`4 588 883 [2.34 TB]` → `4588883`), or undefined when it has none. */
export function groupedDigits(value: string): string | undefined {
  const m = GROUPED.exec(value);
  return m ? m[1]!.replace(/[^\d-]/g, '') : undefined;
}
