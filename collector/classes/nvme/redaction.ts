import { type ClassRedaction, type Edit, paddedField, rawId, under } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactIdentifier } from '../../../bundle/redact/values.js';

/** `nvme list` of an imported report: the serial of each namespace line (the `SN` column, or JSON `SerialNumber`). */
function nvmeListSerials(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('utf8');
  for (const m of text.matchAll(/"SerialNumber"\s*:\s*"([^"]+)"/g)) redactIdentifier(t, m[1]!);
  const lines = text.split(/\r?\n/);
  const dashes = lines.findIndex((l) => /^-+(?: +-+)+\s*$/.test(l));
  if (dashes < 1) return [];
  const runs = [...lines[dashes]!.matchAll(/-+/g)];
  const sn = runs.findIndex((r) => lines[dashes - 1]!.slice(r.index, r.index + r[0].length).trim() === 'SN');
  if (sn < 0) return [];
  const end = runs[sn + 1]?.index;
  for (const l of lines.slice(dashes + 1)) {
    const v = l.slice(runs[sn]!.index, end).trim();
    if (v) redactIdentifier(t, v, 'serial', false);
  }
  return [];
}


/** Identify Controller holds the serial (bytes 4-23) and the FRU GUID (112-127); the other logs hold no identifier. */
export const redaction: ClassRedaction = {
  layouts: [
    {
      name: 'nvme identify controller',
      test: under(/^ioctl\/nvme\/[^/]+\/id-ctrl\.bin$/),
      binary: true,
      learn: (d, t) => {
        const fguid = d.length >= 128 && d.subarray(112, 128).some((x) => x !== 0) ? rawId(d, t, 'uuid', 112, 16) : [];
        return [...paddedField(d, t, 4, 20, false), ...fguid];
      },
    },
    { name: 'nvme list', test: under(/^cmd\/nvme\/list(?:_[^/]*)?\.out$/), binary: false, learn: nvmeListSerials },
  ],
  plainBinary: [/^ioctl\/nvme\/[^/]+\/(?:fw-log|smart-log|feature-[\w-]+)\.bin$/],
  noIps: [/^cmd\/nvme\//],
  // A fabrics controller's address attribute names its transport address (traddr=…), which may be an IP address; so
  // does each path of a saved `nvme list-subsys`.
  ips: [/^sys\/class\/nvme(?:-fabrics)?\/[^/]+\/address$/, /^cmd\/nvme\/list-subsys(?:_[^/]*)?\.out$/],
  seedPerEntry: [['/sys/class/nvme', ['serial', 'model', 'firmware_rev']]],
};
