/**
 * Identifiers that only the kernel log holds (issue 12 item 7): SAS addresses and enclosure ids as
 * mpt3sas prints them, WWNs, NVMe EUI-64/NGUID, GUIDs, serials; composite board serials; model names
 * that contain the hostname; collect --redact and the manifest's replayedFrom.
 * The kernel-log lines and where their formats come from: test/fixtures/redact/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import { redactBundle } from '../../bundle/redact/redact-bundle.js';
import { collect } from '../../collector/collect.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

const KMSG = readFileSync(new URL('../fixtures/redact/kernel-log-ids.kmsg', import.meta.url), 'utf8');

/** Every identifier the fixture's lines hold, as printed. */
const IDS = [
  '5000c500a1b2c3d4', '5000c500a1b2c3d7', '500605b00a1b2c3f', '500605b00a1b2c3e', '5000C500A1B2C3D5', '5000c500a1b2c3d6', '002538b471a1b2c3',
  '5000cca02b0458ba', '600508b1001c4d5e6f70818293a4b5c6', '5000cca0aabbccdd', '002538b471a1b2c4', '36344730526019530025384500000002',
  'b83fd20300a1b2c9', 'b83fd20300a1b2ca', 'b83f:d203:00a1:b2cb', '7XKM2Q0042AB', 'SHELF0042XY',
  '5000c500a1b2c3e0', '10000090fa1b2c3d', '20000090fa1b2c3d', '21000024ff7e1b2a', '20000024ff7e1b2a', 'QZ7MK0A1B2C3', '9XKQ2A77', 'ZZQ0071A',
];
const BOARD_SERIAL = '.7XKM2Q1.CNFCP0012345678A.';

async function contents(path: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  await readBundle(path, (e) => void m.set(e.name, e.data.toString('utf8')));
  return m;
}

async function redacted(extraKmsg = ''): Promise<{ c: Map<string, string>; map: string }> {
  const dir = tempDir();
  const input = join(dir, 'in.tar.gz');
  await writeBundle(input, [
    { name: 'proc/sys/kernel/hostname', data: 'r740\n' },
    { name: 'sys/class/dmi/id/product_name', data: 'PowerEdge R740\n' },
    { name: 'sys/class/dmi/id/board_serial', data: `${BOARD_SERIAL}\n` },
    { name: 'sys/block/nvme0n1/wwid', data: 'eui.002538b471a1b2c3\n' },
    { name: 'dev/kmsg', data: KMSG + extraKmsg },
  ], { host: { hostname: 'r740', kernelRelease: '6.1', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' } });
  const out = join(dir, 'out.tar.gz');
  const r = await redactBundle({ catalog: REDACTION, input, output: out });
  return { c: await contents(out), map: readFileSync(r.mapPath, 'utf8') };
}

describe('identifiers only the kernel log holds', () => {
  it('are all replaced, each where and how it was printed', async () => {
    const { c } = await redacted();
    const kmsg = c.get('dev/kmsg')!;
    for (const id of IDS) expect(kmsg.toLowerCase(), id).not.toContain(id.toLowerCase());
    expect(kmsg.split('\n').length).toBe(KMSG.split('\n').length);
    expect(kmsg).toMatch(/scsi 0:0:1:0: SSP: handle\(0x000a\), sas_addr\(0x[0-9a-f]{16}\), phy\(1\), device_name\(0x[0-9a-f]{16}\)/);
    expect(kmsg).toMatch(/\\x09sas_address\(0x[0-9A-F]{16}\), phy\(2\)/);
    expect(kmsg).toMatch(/of naa\.[0-9a-f]{32}\n/);
    expect(kmsg).toMatch(/by-id\/wwn-0x[0-9a-f]{16}\./);
    expect(kmsg).toContain('Hostname set to <h001>.');
  });

  it('get the same token wherever the same identifier appears', async () => {
    const { c, map } = await redacted();
    const token = JSON.parse(map).tokens.eui64['002538b471a1b2c3'] as string;
    expect(token).toMatch(/^[0-9a-f]{16}$/);
    expect(c.get('sys/block/nvme0n1/wwid')).toBe(`eui.${token}\n`);
    expect(c.get('dev/kmsg')).toContain(`wwid(0x${token})`);
  });

  it('learn a composite board serial whole and in its parts', async () => {
    const { c } = await redacted('6,3000,6000000,-;ipmi: service tag 7XKM2Q1, board CNFCP0012345678A\n');
    expect(c.get('sys/class/dmi/id/board_serial')).not.toContain('7XKM2Q1');
    const kmsg = c.get('dev/kmsg')!;
    expect(kmsg).not.toContain('7XKM2Q1');
    expect(kmsg).not.toContain('CNFCP0012345678A');
    expect(kmsg).toMatch(/service tag \w{7}, board \w{16}\n/);
  });

  it('never replace the hostname inside a model name', async () => {
    const { c } = await redacted();
    expect(c.get('sys/class/dmi/id/product_name')).toBe('PowerEdge R740\n');
    expect(c.get('dev/kmsg')).toContain('DMI: Dell Inc. PowerEdge R740/0JM3W2, BIOS 2.12.2 07/09/2021');
    expect(c.get('proc/sys/kernel/hostname')).toBe('h001\n');
  });
});

describe('collect --redact', () => {
  it('redacts the captured-tree paths the manifest records as replayedFrom', async () => {
    const dir = tempDir();
    const root = await fakehostCopy();
    // systemd names a USB NIC after its MAC (enx…), so the tree paths it is read from hold the MAC.
    const nic = join(root, 'sys/class/net/enx001b21aabbcc');
    mkdirSync(nic, { recursive: true });
    writeFileSync(join(nic, 'address'), '00:1b:21:aa:bb:cc\n');
    writeFileSync(join(nic, 'mtu'), '1500\n');
    const out = join(dir, 'b.tar.gz');
    const r = await collect({ output: out, root, isolation: 'inline', redact: {} });
    const from = r.manifest.artifacts.map((a) => a.replayedFrom).filter((x): x is string => x !== undefined);
    expect(from.some((f) => f.includes('sys/class/net/enx'))).toBe(true);
    expect(from.filter((f) => f.includes('001b21aabbcc'))).toEqual([]);
    const written = (await readBundle(out, () => undefined)).manifest!;
    expect(written.artifacts.filter((a) => a.replayedFrom?.includes('001b21aabbcc'))).toEqual([]);
    expect(written.artifacts.filter((a) => a.replayedFrom?.includes('sys/class/net/enx')).length).toBeGreaterThan(0);
  });
});
