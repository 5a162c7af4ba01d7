import type { UnnamedOutput } from '../../source.js';

/** sg_inq's standard INQUIRY (`standard INQUIRY:` and its identification fields) or a VPD page's heading; no node in it. */
export function sgInqUnnamed(lines: readonly string[]): UnnamedOutput | undefined {
  const t = lines.map((l) => l.trim());
  const standard = t.some((l) => l === 'standard INQUIRY:') && t.some((l) => /^(?:Vendor|Product) identification:/.test(l));
  const vpd = t.some((l) => /^VPD INQUIRY: /.test(l));
  return standard || vpd ? { what: "sg_inq's INQUIRY", typed: 'sg_inq /dev/sda', named: 'sg_inq sda.txt' } : undefined;
}
