/**
 * VPD keywords lspci prints escaped. From pciutils 3.6.4 (ls-vpd.c cap_vpd, commit "VPD: When printing item IDs, escape
 * non-ASCII characters") a keyword's byte below 0x20 or 0x7f is printed `\xNN` and a backslash `\\`, as values always
 * were; before, the bytes were printed raw (`[%c%c]`). A card with a damaged or unusual VPD shows `[\x00\x00] Unknown: 00
 * 00`, and a vendor or system keyword may carry any second byte (`[V\x01] Vendor specific: …`). Such a field was dropped
 * (only `[A-Z0-9]{2}` was read); it is stored under its keyword as 3.6.4+ prints it, whichever release printed it, and the
 * part number, serial, vendor fields and `[RV]` around it are stored as before.
 */
import { describe, expect, it } from 'vitest';
import { parseLspciText } from '../../analyzer/classes/pci/lspci-text.js';
import { replaySaved } from '../helpers/replay-tree.js';

const output = (fields: string[]): string =>
  [
    '0000:3b:00.0 Ethernet controller: Mellanox Technologies MT2892 Family [ConnectX-6 Dx]',
    '\tSubsystem: Mellanox Technologies Device 0016',
    '\tControl: I/O- Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx+',
    '\tCapabilities: [48] Vital Product Data',
    '\t\tProduct Name: ConnectX-6 Dx EN adapter card, 100GbE',
    '\t\tRead-only fields:',
    '\t\t\t[PN] Part number: MCX623106AN-CDAT',
    ...fields,
    '\t\t\t[SN] Serial number: MT2048X12345',
    '\t\t\t[V0] Vendor specific: PCIeGen4 x16',
    '\t\t\t[RV] Reserved: checksum good, 1 byte(s) reserved',
    '\t\tEnd',
    '\tKernel driver in use: mlx5_core',
    '',
  ].join('\n');

const ESCAPED = ['\t\t\t[\\x00\\x00] Unknown: 00 00 00', '\t\t\t[V\\x01] Vendor specific: A\\x02B', '\t\t\t[Z\\\\] Product specific: x'];
const RAW = ['\t\t\t[\x00\x00] Unknown: 00 00 00', '\t\t\t[V\x01] Vendor specific: A\\x02B', '\t\t\t[Z\\] Product specific: x'];
const FIELDS = {
  PN: 'MCX623106AN-CDAT',
  '\\x00\\x00': '00 00 00',
  'V\\x01': 'A\\x02B',
  'Z\\\\': 'x',
  SN: 'MT2048X12345',
  V0: 'PCIeGen4 x16',
  RV: 'checksum good, 1 byte(s) reserved',
};

describe('VPD keywords lspci prints escaped (ls-vpd.c cap_vpd, 3.6.4+) or raw (before)', () => {
  it.each([
    ['3.6.4+ (escaped)', ESCAPED],
    ['3.1-3.6.3 (raw bytes)', RAW],
  ])('%s: every field read, under the keyword as 3.6.4+ prints it', (_release, fields) => {
    const parsed = parseLspciText(output(fields));
    expect(parsed.issues).toEqual([]);
    expect(parsed.functions[0]!.vpd).toEqual({ productName: 'ConnectX-6 Dx EN adapter card, 100GbE', fields: FIELDS });
  });

  it('a saved lspci -vv: the escaped keywords are settings pci.vpd beside PN, SN, V0 and RV, no fact refused', async () => {
    const { db } = await replaySaved('lspci -vv.txt', output(ESCAPED));
    try {
      const stored = Object.fromEntries((db.prepare(`SELECT key, value FROM settings WHERE device_key = '0000:3b:00.0' AND namespace = 'pci.vpd'`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      expect(stored).toEqual({ product_name: 'ConnectX-6 Dx EN adapter card, 100GbE', ...FIELDS });
      expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('UNDECLARED_FACT', 'PARSE-LINE')`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
