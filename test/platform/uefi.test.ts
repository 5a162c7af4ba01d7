import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKernelLog } from '../../analyzer/classes/core/kmsg.js';
import { parseUefiLog } from '../../analyzer/classes/platform/uefi-log.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { openBundle } from '../collector/bundle-entries.js';
import { writeTree } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));
const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-uefi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logOf = (file: string): ReturnType<typeof parseUefiLog> => parseUefiLog(parseKernelLog(readFileSync(`${REAL}${file}`)).map((l) => l.text));

describe('the kernel\'s UEFI lines, on real logs', () => {
  it('a Supermicro X11DAi-N (AMI Aptio, kernel 5.7): EFI 2.70, an ESRT among its tables, secure boot undetermined', () => {
    expect(logOf('dmesg-uefi-supermicro-x11dai.txt')).toEqual({
      revision: '2.70',
      vendor: 'American Megatrends',
      tables: ['ACPI 2.0', 'ACPI', 'SMBIOS', 'SMBIOS 3.0', 'MEMATTR', 'ESRT'],
      secureBoot: 'undetermined',
    });
  });

  it('a Gigabyte X570 AORUS ELITE (kernel 5.16): tables with a trailing space, "secureboot: Secure boot disabled"', () => {
    expect(logOf('dmesg-uefi-gigabyte-x570.txt')).toEqual({
      revision: '2.70',
      vendor: 'American Megatrends',
      tables: ['ACPI', 'ACPI 2.0', 'SMBIOS', 'SMBIOS 3.0', 'MEMATTR', 'ESRT', 'MOKvar', 'RNG'],
      secureBoot: 'disabled',
    });
  });

  it('ignores the other efi: lines and a BIOS boot\'s log', () => {
    expect(parseUefiLog(['efi: seeding entropy pool', 'efi: Getting EFI parameters from FDT:', 'efi:   System Table     \t: 0x0000009ff7de0018', 'esrt: Reserving ESRT space from 0x1 to 0x2.'])).toEqual({});
    expect(parseUefiLog(['secureboot: Secure boot enabled'])).toEqual({ secureBoot: 'enabled' });
  });
});

/** A captured host: UEFI (fw_platform_size, systab and the kernel's UEFI lines, no ESRT) or BIOS (no /sys/firmware/efi). */
function tree(name: string, uefi: boolean, esrt = false): string {
  const root = join(dir, name);
  const kmsg = ['6,1,0,-;Linux version 6.1.0-57-amd64', ...(uefi ? ['6,2,0,-;efi: EFI v2.70 by EDK II', '6,3,0,-;efi: SMBIOS=0x7f5a3000 ACPI=0x7f77e000 ACPI 2.0=0x7f77e014 MEMATTR=0x7e1e3018 ', '6,4,0,-;secureboot: Secure boot disabled'] : [])];
  writeTree(root, {
    'proc/sys/kernel/hostname': `${name}\n`,
    'sys/class/dmi/id/sys_vendor': 'QEMU\n',
    'sys/class/dmi/id/product_name': 'Standard PC (Q35 + ICH9, 2009)\n',
    'dev/kmsg': `${kmsg.join('\n')}\n`,
    ...(esrt ? { 'sys/firmware/efi/esrt/fw_resource_count': '1\n', 'sys/firmware/efi/esrt/entries/entry0/fw_version': '65562\n', 'sys/firmware/efi/esrt/entries/entry0/fw_type': '1\n' } : {}),
    ...(uefi ? { 'sys/firmware/efi/fw_platform_size': '64\n', 'sys/firmware/efi/systab': 'ACPI20=0x7f77e014\nACPI=0x7f77e000\nSMBIOS=0x7f5a3000\n', 'sys/firmware/efi/runtime': '0x7fbee018\n' } : { 'sys/firmware/acpi/tables/DSDT': 'x' }),
  });
  return root;
}

/**
 * The uefi settings of a bundle collected from `root`; `live` rewrites the bundle as a live host's (same artifacts
 * and sources, collectedFrom host), what a collect on the machine itself would have written.
 */
async function uefiOf(name: string, root: string, o: { live?: boolean; skip?: string[] } = {}): Promise<{ settings: Record<string, string>; names: string[] }> {
  let out = join(dir, `${name}.tar.gz`);
  const r = await collect({ output: out, root, only: ['platform', 'kernel-log'], skip: o.skip, isolation: 'inline' });
  const names = [...(await openBundle(out)).entries.keys()];
  if (o.live) {
    const entries = (await openBundle(out)).entries;
    out = join(dir, `${name}-live.tar.gz`);
    const { artifacts, ...head } = r.manifest;
    await writeBundle(out, [...entries].filter(([n]) => n !== 'manifest.json').map(([n, data]) => ({ name: n, data, source: artifacts.find((a) => a.name === n)?.source })), { ...head, host: { ...head.host, collectedFrom: 'host' } });
  }
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const rows = db.prepare(`SELECT key, value FROM settings WHERE device_key = 'platform' AND namespace = 'uefi'`).all() as { key: string; value: string }[];
  return { settings: Object.fromEntries(rows.map((x) => [x.key, x.value])), names };
}

describe('the efi part: collect, load', () => {
  it('a UEFI boot without an ESRT: the boot, word size, revision, vendor and secure boot stored, the ESRT as absent (its logged tables have none)', async () => {
    const { settings, names } = await uefiOf('uefi', tree('uefi', true));
    expect(settings).toEqual({ boot: 'uefi', platform_size: '64', revision: '2.70', vendor: 'EDK II', secure_boot: 'disabled', config_tables: 'SMBIOS,ACPI,ACPI 2.0,MEMATTR', esrt: 'absent' });
    // The word size and the table list, not the runtime services' address.
    expect(names.filter((n) => n.startsWith('sys/firmware/efi/')).sort()).toEqual(['sys/firmware/efi/fw_platform_size', 'sys/firmware/efi/systab']);
  });

  it('a UEFI boot whose kernel shows ESRT entries (none in the logged tables): the ESRT as present', async () => {
    expect((await uefiOf('uefi-esrt', tree('uefi-esrt', true, true))).settings.esrt).toBe('present');
  });

  it('a live BIOS boot: boot = bios and nothing else; the same captured as a tree says nothing (a tree may lack /sys/firmware)', async () => {
    const root = tree('bios', false);
    const live = await uefiOf('bios', root, { live: true });
    expect(live.settings).toEqual({ boot: 'bios' });
    expect(live.names.filter((n) => n.startsWith('sys/firmware/'))).toEqual([]);
    expect((await uefiOf('bios-tree', root)).settings).toEqual({});
  });

  it('a live bundle whose efi part was left out says nothing about the boot', async () => {
    expect((await uefiOf('bios-skipped', tree('bios-skipped', false), { live: true, skip: ['efi'] })).settings).toEqual({});
  });
});
