import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../../bundle/format.js';
import { collect } from '../../collector/collect.js';
import { ataDeviceOf, ataDiskPath } from '../../collector/classes/ata/topology.js';
import { openBundle, type OpenedBundle } from './bundle-entries.js';
import { FAKEHOST } from '../../collector/fake-host/fakehost-facts.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKE = await fakehostRoot();
const facts = FAKEHOST;

/** ATA string from IDENTIFY words: two characters per word, high byte first, trailing spaces dropped. */
function ataString(words: number[], first: number, count: number): string {
  let s = '';
  for (let i = first; i < first + count; i++) s += String.fromCharCode(words[i]! >> 8, words[i]! & 0xff);
  return s.trimEnd();
}

describe('pci, ata, platform, cpu, kernel-log and rdma on the fake host (inline)', () => {
  let b: OpenedBundle;
  let byName: Map<string, ArtifactRecord>;
  const out = mkdtempSync(join(tmpdir(), 'fwsnap-hw-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  beforeAll(async () => {
    const r = await collect({ output: join(out, 'fake.tar.gz'), root: FAKE, only: ['pci', 'ata', 'scsi', 'platform', 'cpu', 'kernel-log', 'rdma'], isolation: 'inline' });
    b = await openBundle(r.path);
    byName = new Map(b.manifest.artifacts.map((a) => [a.name, a]));
  });

  it('runs every source to completion without issues and counts each device once', () => {
    const src = Object.fromEntries(b.manifest.sources.map((s) => [s.name, s]));
    for (const n of ['pci', 'ata', 'platform', 'cpu', 'kernel-log', 'rdma']) expect(src[n], n).toMatchObject({ status: 'ok' });
    expect(b.manifest.issues).toEqual([]);
    expect(src.pci!.devices).toEqual({ pci: facts.pciFunctions.length });
    // dev2.0 is an empty port (class "none"): collected, but no device.
    expect(src.ata!.devices).toEqual({ block: facts.blocks.length, ata: 1 });
    expect(src.platform!.devices).toEqual({ platform: 1, kernel: 1 });
    expect(src.cpu!.devices).toEqual({ cpu: facts.cpus });
    expect(src.rdma!.devices).toEqual({ rdma: 2 });
  });

  it('stores every PCI function\'s config space byte for byte, with a file origin at its host path', () => {
    for (const bdf of facts.pciFunctions) {
      const name = `sys/bus/pci/devices/${bdf}/config`;
      expect(b.entries.get(name)?.equals(readFileSync(join(FAKE, name))), name).toBe(true);
      expect(byName.get(name)).toMatchObject({ source: 'pci', origin: { kind: 'file', path: `/${name}` }, truncated: false, replayedFrom: name });
    }
    expect(b.entries.get('sys/bus/pci/devices/0000:3b:00.0/config')!.length).toBe(4096);
    expect(b.entries.get('sys/bus/pci/devices/0000:00:17.0/config')!.length).toBe(256);
  });

  it('stores ids, link, SR-IOV, AER, ASPM and VPD attributes and the driver and IOMMU links', () => {
    const d = 'sys/bus/pci/devices/0000:3b:00.0';
    expect(b.text(`${d}/vendor`)).toBe('0x15b3\n');
    expect(b.text(`${d}/device`)).toBe('0x101d\n');
    expect(b.text(`${d}/class`)).toBe('0x020000\n');
    expect(b.text(`${d}/current_link_speed`)).toBe('16.0 GT/s PCIe\n');
    expect(b.text(`${d}/max_link_width`)).toBe('16\n');
    expect(b.text(`${d}/sriov_totalvfs`)).toBe('8\n');
    expect(b.text(`${d}/sriov_numvfs`)).toBe('0\n');
    expect(b.text(`${d}/aer_dev_correctable`)).toContain('BadTLP 2\n');
    expect(b.text(`${d}/link/l1_aspm`)).toBe('0\n');
    expect(b.text(`${d}/vpd`)).toContain('MCX623106AN-CDAT');
    expect(b.text(`${d}/driver`)).toBe('../../../../bus/pci/drivers/mlx5_core');
    expect(byName.get(`${d}/driver`)?.origin).toEqual({ kind: 'link', path: `/${d}/driver` });
    expect(b.text(`${d}/iommu_group`)).toBe('../../../../kernel/iommu_groups/40');
    expect(b.text(`${d}/.link`)).toBe('../../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0');
    expect(b.text('sys/bus/pci/devices/0000:3a:00.0/aer_rootport_total_err_cor')).toBe('0\n');
    expect(b.entries.has('sys/bus/pci/devices/0000:00:00.0/driver')).toBe(false);
    expect(b.entries.has('sys/bus/pci/devices/0000:3b:00.1/sriov_totalvfs')).toBe(false);
  });

  it('stores the ATA disk\'s full IDENTIFY, whose model and firmware are the libata-quirked drive', () => {
    const id = b.text(`sys/class/ata_device/${facts.sataSsd.device}/id`);
    const words = id.trim().split(/\s+/).map((w) => Number.parseInt(w, 16));
    expect(words).toHaveLength(256);
    expect(ataString(words, 27, 20)).toBe(facts.sataSsd.model);
    expect(ataString(words, 23, 4)).toBe(facts.sataSsd.firmware);
    expect(ataString(words, 10, 10)).toBe(facts.sataSsd.serial);
    expect(words.reduce((s, w) => s + (w & 0xff) + (w >> 8), 0) & 0xff).toBe(0);
    expect(b.text(`sys/class/ata_device/${facts.sataSsd.device}/trim`)).toBe('forced_unqueued\n');
    // The SCSI view truncates both strings, which is why IDENTIFY is collected.
    expect(b.text('sys/block/sda/device/model')).toBe('Crucial_CT512MX1\n');
    expect(b.text('sys/block/sda/device/rev')).toBe('MU01\n');
  });

  it('stores the links that map the disk to its ATA device, link and port, and the LPM and provisioning settings', () => {
    const disk = ataDiskPath(b.text('sys/block/sda/.link'));
    const ataDevices = [...b.entries.keys()].filter((n) => /^sys\/class\/ata_device\/[^/]+\/\.link$/.test(n)).map((n) => n.split('/').at(-2)!);
    expect(disk && ataDeviceOf(disk, ataDevices)).toBe(facts.sataSsd.device);
    expect(b.text('sys/class/ata_device/dev1.0/.link')).toContain('/ata1/link1/dev1.0/');
    expect(b.text('sys/class/ata_link/link1/sata_spd')).toBe('6.0 Gbps\n');
    expect(b.text('sys/class/ata_port/ata1/port_no')).toBe('1\n');
    expect(b.text('sys/class/scsi_host/host0/link_power_management_policy')).toBe('med_power_with_dipm\n');
    expect(b.text('sys/class/scsi_disk/0:0:0:0/provisioning_mode')).toBe('writesame_16\n');
    expect(b.text('sys/block/sda/queue/scheduler')).toBe('[mq-deadline] kyber bfq none\n');
    expect(b.text('sys/block/sda/queue/discard_max_bytes')).toBe('2147450880\n');
    expect(b.text('sys/block/nvme0n1/device/.link')).toBe('../../nvme0');
    expect(b.text('sys/block/nvme0n1/wwid')).toBe('eui.36344730526019530025384500000001\n');
  });

  it('stores DMI, per-CPU microcode, kernel facts, os-release, module parameters and the kernel log', () => {
    expect(b.text('sys/class/dmi/id/bios_version')).toBe('2.19.1\n');
    expect(b.text('sys/class/dmi/id/product_serial')).toBe('7X8Y9Z1\n');
    for (let i = 0; i < facts.cpus; i++) expect(b.text(`sys/devices/system/cpu/cpu${i}/microcode/version`)).toBe(`${facts.microcode}\n`);
    expect(b.text('proc/cpuinfo')).toContain(`microcode\t: ${facts.microcode}`);
    expect(b.text('proc/sys/kernel/osrelease').trim()).toBe(facts.kernelRelease);
    expect(b.manifest.host.kernelRelease).toBe(facts.kernelRelease);
    expect(b.text('proc/cmdline').trim()).toBe(facts.cmdline);
    expect(b.text('proc/sys/kernel/tainted')).toBe('0\n');
    expect(b.text('proc/modules')).toContain('mlx5_core ');
    expect(b.text('etc/os-release')).toContain('VERSION_ID="9.4"');
    for (const m of ['mlx5_core', 'i40e', 'nvme', 'ahci']) expect(b.text(`sys/bus/pci/drivers/${m}/module`)).toBe(`../../../../module/${m}`);
    expect(b.text('sys/module/mlx5_core/parameters/prof_sel')).toBe('2\n');
    expect(b.text('sys/module/nvme_core/parameters/io_timeout')).toBe('30\n');
    expect(b.text('sys/module/libata/parameters/fua')).toBe('0\n');
    expect(b.text('sys/module/pcie_aspm/parameters/policy')).toContain('[powersave]');
    // Bound to nothing collected: its parameters are not wanted.
    expect([...b.entries.keys()].some((n) => n.startsWith('sys/module/mlx5_ib/'))).toBe(false);
    expect(b.text('dev/kmsg')).toContain(`applying quirks: noncqtrim`);
    expect(byName.get('dev/kmsg')).toMatchObject({ source: 'kernel-log', origin: { kind: 'file', path: '/dev/kmsg' }, truncated: false });
  });

  it('stores each RDMA device with its firmware, board id, parent PCI function and port state', () => {
    for (const [i, name] of facts.rdmaDevices.entries()) {
      const d = `sys/class/infiniband/${name}`;
      expect(b.text(`${d}/fw_ver`)).toBe('22.39.1002\n');
      expect(b.text(`${d}/board_id`)).toBe('MT_0000000359\n');
      expect(posix.basename(b.text(`${d}/device`))).toBe(`0000:3b:00.${i}`);
      expect(b.text(`${d}/ports/1/link_layer`)).toBe('Ethernet\n');
    }
    expect(b.text('sys/class/infiniband/mlx5_0/ports/1/state')).toBe('4: ACTIVE\n');
    expect([...b.entries.keys()].some((n) => n.includes('/gid_attrs/') || n.includes('/counters/'))).toBe(false);
  });

  it('never stores a write-only, BAR-mapping or consuming file', () => {
    const forbidden = /\/(resource\d*(_wc)?|rom|reset|reset_method|remove|rescan|bind|unbind|ahci_port_cmd|ahci_host_version|em_message|scan|delete|unload_heads|stat)$|^proc\/kmsg$/;
    const names = [...b.entries.keys()];
    expect(names.filter((n) => forbidden.test(n))).toEqual([]);
    for (const [name, data] of b.entries) expect(data.includes('FORBIDDEN'), name).toBe(false);
    // The tree really holds them, so the test would notice a source opening them.
    expect(readFileSync(join(FAKE, 'sys/bus/pci/devices/0000:3b:00.0/reset'), 'utf8')).toContain('FORBIDDEN');
    expect(readlinkSync(join(FAKE, 'sys/bus/pci/devices/0000:3b:00.0'))).toContain('0000:3b:00.0');
  });
});
