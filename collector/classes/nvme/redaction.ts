import { type ClassRedaction, type Edit, paddedField, rawId, under } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactIdentifier } from '../../../bundle/redact/values.js';

/** A generated NQN: `nqn.2014.08.org.nvmexpress:`, the PCI vendor and subsystem vendor ids, the serial padded to 20, the model. */
const GENERATED_NQN = /nqn\.2014\.08\.org\.nvmexpress:[0-9a-f]{8}([^\n"]{1,20})/gi;
/** Any other NQN as nvme-cli prints it, words apart by one space kept (`…toshiba:KXG60ZNV512G NVMe TOSHIBA 512GB:49MA23BZK03N`). */
const NQN = /nqn\.\d{4}-\d{2}\.[A-Za-z0-9.-]+:[^\s"',\\]+(?: [^\s"',\\]+)*/g;

/**
 * The serial a drive's subsystem NQN holds, wherever nvme-cli prints one (list-subsys, list -v, id-ctrl's subnqn):
 * a generated NQN's serial field, or a vendor NQN's last field (`…samsung:nvme:PM1733:2.5-inch:S5G3NA0R107888`,
 * `…micron:nvme:nvm-subsystem-sn-2029290CD7AE`) when it reads as a serial (eight characters or more, three digits).
 * A host NQN's UUID, and a target's, are found as UUIDs.
 */
function nqnSerials(text: string, t: TokenMap): void {
  for (const m of text.matchAll(GENERATED_NQN)) {
    const serial = m[1]!.trim().split(/\s/)[0]!;
    if (serial) redactIdentifier(t, serial, 'serial', false);
  }
  for (const m of text.matchAll(NQN)) {
    const rest = m[0].slice(m[0].indexOf(':') + 1);
    if (/(?:^|:)uuid:/i.test(rest)) continue;
    const last = rest.split(':').at(-1)!;
    const serial = /(?:^|[^A-Za-z])sn[-_.](.+)$/i.exec(last)?.[1] ?? last;
    if (/^[A-Za-z0-9][\w.-]{7,}$/.test(serial) && (serial.match(/\d/g) ?? []).length >= 3) redactIdentifier(t, serial, 'serial', false);
  }
}

/** `nvme list` of an imported report: the serial of each namespace line (the `SN` column, or JSON `SerialNumber`). */
function nvmeListSerials(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('utf8');
  nqnSerials(text, t);
  for (const m of text.matchAll(/"SerialNumber"\s*:\s*"([^"]+)"/g)) redactIdentifier(t, m[1]!);
  const lines = text.split(/\r?\n/);
  // 2.x -v prints a table of subsystems above the table of controllers that holds the SN column.
  lines.forEach((dashes, i) => {
    if (i < 1 || !/^-+(?: +-+)+\s*$/.test(dashes)) return;
    const runs = [...dashes.matchAll(/-+/g)];
    const sn = runs.findIndex((r) => lines[i - 1]!.slice(r.index, r.index + r[0].length).trim() === 'SN');
    if (sn < 0) return;
    const end = runs[sn + 1]?.index;
    for (const l of lines.slice(i + 1)) {
      if (!l.trim()) break;
      const v = l.slice(runs[sn]!.index, end).trim();
      if (v) redactIdentifier(t, v, 'serial', false);
    }
  });
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
    { name: 'nvme-cli outputs', test: under(/^cmd\/nvme\/[^/]+\.out$/), binary: false, learn: (d, t) => (nqnSerials(d.toString('utf8'), t), []) },
  ],
  plainBinary: [/^ioctl\/nvme\/[^/]+\/(?:fw-log|smart-log|error-log|feature-[\w-]+)\.bin$/],
  noIps: [/^cmd\/nvme\//],
  // A fabrics controller's address attribute names its transport address (traddr=…), which may be an IP address; so
  // does each path of a saved `nvme list-subsys`.
  ips: [/^sys\/class\/nvme(?:-fabrics)?\/[^/]+\/address$/, /^cmd\/nvme\/list-subsys(?:_[^/]*)?\.out$/],
  seedPerEntry: [['/sys/class/nvme', ['serial', 'model', 'firmware_rev']]],
};
