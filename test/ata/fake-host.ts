import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

/** ATA strings: two characters per word, the first in the high byte, padded with spaces. */
function putAtaString(w: number[], first: number, count: number, text: string): void {
  const padded = text.padEnd(count * 2, ' ');
  for (let i = 0; i < count; i++) w[first + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
}

/**
 * IDENTIFY DEVICE (256 words) of an ACS-2 SATA SSD: serial in words 10-19, firmware 23-26, model 27-46, SATA
 * capabilities (word 76: speeds in bits 1-3, NCQ bit 8) only when the description gives the highest generation,
 * integrity word 255.
 */
function identify(model: string, firmware: string, serial: string, maxGen: number | undefined): number[] {
  const w = new Array<number>(256).fill(0);
  Object.assign(w, { 0: 0x0040, 1: 0x3fff, 3: 0x0010, 6: 0x003f, 47: 0x8010, 49: 0x2f00, 50: 0x4000, 53: 0x0007 });
  putAtaString(w, 10, 10, serial);
  putAtaString(w, 23, 4, firmware);
  putAtaString(w, 27, 20, model);
  Object.assign(w, { 60: 0xffff, 61: 0x0fff, 63: 0x0407, 64: 0x0003, 69: 0x4020, 75: 0x001f, 80: 0x03f0, 81: 0x0028, 82: 0x746b, 83: 0x7d09, 84: 0x6163, 85: 0x7469, 86: 0xbc01, 87: 0x6163, 88: 0x407f });
  if (maxGen !== undefined) w[76] = 0x0100 | ((1 << (maxGen + 1)) - 2);
  w[169] = 0x0001;
  w[217] = 0x0001;
  let sum = 0xa5;
  for (let i = 0; i < 255; i++) sum += (w[i]! & 0xff) + (w[i]! >> 8);
  w[255] = (((0x100 - (sum & 0xff)) & 0xff) << 8) | 0xa5;
  return w;
}

/** The kernel's format of /sys/class/ata_device/<dev>/id: "%04x" per word, eight per line. */
const identifyText = (w: readonly number[]): string => w.map((x, i) => x.toString(16).padStart(4, '0') + ((i + 1) % 8 ? ' ' : '\n')).join('');

/** Settings this part writes (namespace/key) and where they come from. */
const RENDERED = new Set(['ata/lpm_policy', 'ata/trim_mode', 'ata/sata_max_gen', 'sysfs/xfer_mode', 'sysfs/link/sata_spd']);

const setting = (d: RuleTestDevice, ns: string, key: string): string | undefined => {
  const s = d.settings?.find((x) => x.namespace === ns && x.key === key);
  return s === undefined ? undefined : String(s.value);
};

/**
 * libata devices as the kernel lays them out under their host's PCI function: ataP/linkP/devP.0 (IDENTIFY as hex
 * words, trim mode, transfer mode), linkP's negotiated speed, and with an LPM policy the SCSI disk and host whose
 * link_power_management_policy holds it.
 */
export const ataFakeHost: FakeHostPart = {
  classes: ['ata'],
  unsupported(d) {
    for (const s of d.settings ?? []) if (!RENDERED.has(`${s.namespace}/${s.key}`)) return `setting ${s.namespace}/${s.key} has no renderer`;
    const fw = Array.isArray(d.firmware) ? d.firmware : Object.entries(d.firmware ?? {}).map(([component, version]) => ({ component, version, state: undefined }));
    if (fw.some((f) => f.component !== 'firmware' || (f.state ?? 'running') !== 'running')) return 'an ATA drive has one running firmware revision (IDENTIFY words 23-26)';
    if (d.vendor_id !== undefined || d.device_id !== undefined || d.driver) return 'ATA drives carry no PCI ids or driver';
    // IDENTIFY strings are space-padded and read back without their trailing spaces, as the kernel does.
    if (/ $/.test(d.model ?? '') || fw.some((f) => / $/.test(f.version))) return 'a model or firmware ending in a space cannot come from IDENTIFY (its padding is trimmed)';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const p = names.next('ata') + 1;
    const dev = `dev${p}.0`;
    const bdf = names.bdf(d.pci_address ?? `ata${p}`);
    const port = `${names.pciDir(bdf)}/ata${p}`;
    const firmware = Array.isArray(d.firmware) ? d.firmware[0]?.version : d.firmware?.firmware;
    const gen = setting(d, 'ata', 'sata_max_gen');
    const devDir = `${port}/link${p}/${dev}/ata_device/${dev}`;
    tree.file(`${devDir}/class`, 'ata\n');
    tree.file(`${devDir}/id`, identifyText(identify(d.model ?? '', firmware ?? '', `SN${p}`, gen === undefined ? undefined : Number(gen))));
    const trim = setting(d, 'ata', 'trim_mode');
    if (trim !== undefined) tree.file(`${devDir}/trim`, `${trim}\n`);
    const xfer = setting(d, 'sysfs', 'xfer_mode');
    if (xfer !== undefined) tree.file(`${devDir}/xfer_mode`, `${xfer}\n`);
    tree.link(`sys/class/ata_device/${dev}`, `../../${devDir.slice('sys/'.length)}`);
    const spd = setting(d, 'sysfs', 'link/sata_spd');
    if (spd !== undefined) {
      tree.file(`${port}/link${p}/ata_link/link${p}/sata_spd`, `${spd}\n`);
      tree.link(`sys/class/ata_link/link${p}`, `../../${port.slice('sys/'.length)}/link${p}/ata_link/link${p}`);
    }
    const lpm = setting(d, 'ata', 'lpm_policy');
    if (lpm !== undefined) {
      const host = `host${p}`;
      const hctl = `${p}:0:0:0`;
      const disk = `sd${String.fromCharCode(97 + ((p - 1) % 26))}${p > 26 ? p : ''}`;
      tree.file(`${port}/${host}/scsi_host/${host}/link_power_management_policy`, `${lpm}\n`);
      tree.link(`sys/class/scsi_host/${host}`, `../../${port.slice('sys/'.length)}/${host}/scsi_host/${host}`);
      tree.file(`${port}/${host}/target${p}:0:0/${hctl}/block/${disk}/size`, '1000215216\n');
      tree.link(`sys/block/${disk}`, `../${port.slice('sys/'.length)}/${host}/target${p}:0:0/${hctl}/block/${disk}`);
    }
    return `ata:${dev}`;
  },
};
