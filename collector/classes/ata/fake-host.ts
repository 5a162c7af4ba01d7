import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { FORBIDDEN, type FakeTree } from '../../fake-host/tree.js';
import { FAKEHOST } from '../../fake-host/fakehost-facts.js';
import { buildIdentify, identifyText, putAtaString } from './fake-host-identify.js';
import { ataMany } from './fake-host-many.js';

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

/** The SCSI INQUIRY product's length: libata puts an ATA model's first 16 characters there. */
const INQUIRY_PRODUCT_LEN = 16;
/** How a stored model says it is the SCSI layer's start of a longer one (analyzer/classes/ata/inquiry-cut.ts). */
const CUT_MARK = '…';

/** The 16 characters of a described model the SCSI layer cut (`SAMSUNG MZ7LH480…`), or undefined for a whole model. */
function cutModel(d: RuleTestDevice): string | undefined {
  return d.model?.endsWith(CUT_MARK) ? d.model.slice(0, -CUT_MARK.length) : undefined;
}

/** The SCSI INQUIRY revision libata makes of a firmware revision: its last 4 of 8 characters, the first 4 when those are blank. */
function scsiRevision(firmware: string): string {
  const rev = firmware.padEnd(8, ' ').slice(0, 8);
  return (rev.slice(4).trim() ? rev.slice(4) : rev.slice(0, 4)).trimEnd();
}

/** Settings this part writes (namespace/key) and where they come from. */
const RENDERED = new Set(['ata/lpm_policy', 'ata/trim_mode', 'ata/sata_max_gen', 'sysfs/xfer_mode', 'sysfs/link/sata_spd', 'smartctl/health']);

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
  many: ataMany,
  unsupported(d) {
    for (const s of d.settings ?? []) if (!RENDERED.has(`${s.namespace}/${s.key}`)) return `setting ${s.namespace}/${s.key} has no renderer`;
    const fw = Array.isArray(d.firmware) ? d.firmware : Object.entries(d.firmware ?? {}).map(([component, version]) => ({ component, version, state: undefined }));
    if (fw.some((f) => f.component !== 'firmware' || (f.state ?? 'running') !== 'running')) return 'an ATA drive has one running firmware revision (IDENTIFY words 23-26)';
    if (d.vendor_id !== undefined || d.device_id !== undefined || d.driver) return 'ATA drives carry no PCI ids or driver';
    // IDENTIFY strings are space-padded and read back without their trailing spaces, as the kernel does.
    if (/ $/.test(d.model ?? '') || fw.some((f) => / $/.test(f.version))) return 'a model or firmware ending in a space cannot come from IDENTIFY (its padding is trimmed)';
    const version = fw[0]?.version;
    if (version?.startsWith(CUT_MARK) && !cutModel(d)) {
      if (version.length > CUT_MARK.length + 4) return `a firmware starting "${CUT_MARK}" is the SCSI layer's 4 characters of a longer one`;
      if ((d.model ?? '').length > INQUIRY_PRODUCT_LEN - 2) return 'a model of 15 or 16 characters the SCSI layer gives may be cut';
      if ((d.settings ?? []).some((s) => s.namespace === 'ata' && s.key === 'sata_max_gen')) return 'a drive the SCSI layer names shows no IDENTIFY, where ata/sata_max_gen is read';
      if (setting(d, 'smartctl', 'health') !== undefined) return "smartctl's output of a drive gives its whole firmware, not the SCSI layer's 4 characters";
    }
    if (cutModel(d)) {
      if (cutModel(d)!.length !== INQUIRY_PRODUCT_LEN) return `a model ending in "${CUT_MARK}" is the SCSI layer's ${INQUIRY_PRODUCT_LEN} characters of a longer one`;
      const fromIdentify = (d.settings ?? []).find((s) => s.namespace === 'ata' && s.key === 'sata_max_gen');
      if (fromIdentify) return 'a drive the SCSI layer names by its cut model shows no IDENTIFY, where ata/sata_max_gen is read';
      if (setting(d, 'smartctl', 'health') !== undefined) return "smartctl's output of a drive gives its whole model, not the SCSI layer's cut one";
    }
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
    // A model cut to 16 characters, or a firmware cut to 4 (`…1630`), is all the host shows of the drive: its SCSI disk's
    // INQUIRY product and revision, no IDENTIFY.
    const cut = cutModel(d) ?? (firmware?.startsWith(CUT_MARK) ? d.model ?? '' : undefined);
    if (cut === undefined) tree.file(`${devDir}/id`, identifyText(identify(d.model ?? '', firmware ?? '', `FAKESN${p}`, gen === undefined ? undefined : Number(gen))));
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
    if (lpm !== undefined || cut !== undefined) {
      const host = `host${p}`;
      const hctl = `${p}:0:0:0`;
      const sdev = `${port}/${host}/target${p}:0:0/${hctl}`;
      const disk = `sd${String.fromCharCode(97 + ((p - 1) % 26))}${p > 26 ? p : ''}`;
      if (lpm !== undefined) {
        tree.file(`${port}/${host}/scsi_host/${host}/link_power_management_policy`, `${lpm}\n`);
        tree.link(`sys/class/scsi_host/${host}`, `../../${port.slice('sys/'.length)}/${host}/scsi_host/${host}`);
      }
      tree.file(`${sdev}/block/${disk}/size`, '1000215216\n');
      if (cut !== undefined) {
        tree.attrs(sdev, { vendor: 'ATA     ', model: cut, rev: firmware?.startsWith(CUT_MARK) ? firmware.slice(CUT_MARK.length) : scsiRevision(firmware ?? ''), type: '0' });
        tree.linkTo(`${sdev}/block/${disk}/device`, sdev);
      }
      tree.link(`sys/block/${disk}`, `../${sdev.slice('sys/'.length)}/block/${disk}`);
    }
    const health = setting(d, 'smartctl', 'health');
    if (health !== undefined) tree.file(`cmd/smartctl/-i_-H_ata${p}.out`, smartctlHealth(d.model ?? '', `FAKESN${p}`, firmware ?? '', health));
    return `ata:${dev}`;
  },
};

/** `smartctl -i -H` of the drive as saved from a ticket: its identity (joined by serial) and the verdict, ATA or SCSI wording. */
function smartctlHealth(model: string, serial: string, firmware: string, verdict: string): string {
  const line = /^(PASSED|FAILED)/i.test(verdict) ? `SMART overall-health self-assessment test result: ${verdict}` : `SMART Health Status: ${verdict}`;
  return [
    'smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.1.0-18-amd64] (local build)',
    'Copyright (C) 2002-22, Bruce Allen, Christian Franke, www.smartmontools.org',
    '',
    '=== START OF INFORMATION SECTION ===',
    `Device Model:     ${model}`,
    `Serial Number:    ${serial}`,
    `Firmware Version: ${firmware}`,
    '',
    '=== START OF READ SMART DATA SECTION ===',
    line,
    '',
  ].join('\n');
}

/**
 * The shared fake host's disks: a Crucial MX100 on AHCI port ata1 (IDENTIFY, libata and SCSI attributes, sda with its
 * queue limits), an empty port ata2, and the block device of the NVMe namespace nvme0n1 inside its controller.
 */
export function fakehostStorage(tree: FakeTree): void {
  const ata = FAKEHOST.sataSsd;
  const port = 'sys/devices/pci0000:00/0000:00:17.0/ata1';
  const sdev = `${port}/host0/target0:0:0/0:0:0:0`;
  const words = buildIdentify({ serial: ata.serial, firmware: ata.firmware, model: ata.model, sectors: 1000215216, wwn: [0x500a, 0x0751, 0x0c4a, 0x5b6c] });
  const devDir = `${port}/link1/dev1.0/ata_device/dev1.0`;
  tree.file(`${devDir}/id`, identifyText(words));
  tree.attrs(devDir, { class: 'ata', trim: 'forced_unqueued', ering: '', spdn_cnt: '0', pio_mode: 'XFER_PIO_4', dma_mode: 'XFER_UDMA_6', xfer_mode: 'XFER_UDMA_6' });
  tree.file(`${devDir}/gscr`, '');
  tree.linkTo('sys/class/ata_device/dev1.0', devDir);
  tree.attrs(`${port}/link1/ata_link/link1`, { hw_sata_spd_limit: '6.0 Gbps', sata_spd_limit: '<unknown>', sata_spd: '6.0 Gbps' });
  tree.linkTo('sys/class/ata_link/link1', `${port}/link1/ata_link/link1`);
  tree.attrs(`${port}/ata_port/ata1`, { idle_irq: '0', nr_pmp_links: '0', port_no: '1' });
  tree.linkTo('sys/class/ata_port/ata1', `${port}/ata_port/ata1`);
  // A second, empty port: its ata_device exists but no disk is attached.
  const port2 = 'sys/devices/pci0000:00/0000:00:17.0/ata2';
  tree.attrs(`${port2}/link2/dev2.0/ata_device/dev2.0`, { class: 'none', trim: 'unsupported', ering: '', spdn_cnt: '0', pio_mode: 'XFER_UNKNOWN', dma_mode: 'XFER_UNKNOWN', xfer_mode: 'XFER_UNKNOWN' });
  tree.file(`${port2}/link2/dev2.0/ata_device/dev2.0/id`, identifyText(new Array(256).fill(0)));
  tree.linkTo('sys/class/ata_device/dev2.0', `${port2}/link2/dev2.0/ata_device/dev2.0`);
  tree.attrs(`${port2}/link2/ata_link/link2`, { hw_sata_spd_limit: '6.0 Gbps', sata_spd_limit: '<unknown>', sata_spd: '<unknown>' });
  tree.linkTo('sys/class/ata_link/link2', `${port2}/link2/ata_link/link2`);
  tree.attrs(`${port2}/ata_port/ata2`, { idle_irq: '0', nr_pmp_links: '0', port_no: '2' });
  tree.linkTo('sys/class/ata_port/ata2', `${port2}/ata_port/ata2`);

  for (const [host, p] of [['host0', port], ['host1', port2]] as const) {
    const h = `${p}/${host}/scsi_host/${host}`;
    tree.attrs(h, {
      link_power_management_policy: 'med_power_with_dipm', proc_name: 'ahci', unique_id: host === 'host0' ? '1' : '2', can_queue: '32', cmd_per_lun: '0',
      sg_tablesize: '168', sg_prot_tablesize: '0', nr_hw_queues: '1', supported_mode: 'Initiator', active_mode: 'Initiator', prot_capabilities: '0',
      prot_guard_type: '0', ahci_host_caps: 'c734ff05', ahci_host_cap2: '3c', em_message_type: '0',
    });
    // These read AHCI registers through the BAR; the collector must leave them alone.
    tree.file(`${h}/ahci_port_cmd`, FORBIDDEN);
    tree.file(`${h}/ahci_host_version`, FORBIDDEN);
    tree.file(`${h}/em_message`, FORBIDDEN);
    tree.file(`${h}/scan`, FORBIDDEN);
    tree.linkTo(`sys/class/scsi_host/${host}`, h);
  }

  const inquiry = Buffer.alloc(96);
  inquiry.set([0x00, 0x00, 0x05, 0x02, 91]);
  inquiry.write('ATA     ', 8, 'latin1');
  inquiry.write(ata.model.slice(0, 16), 16, 'latin1');
  inquiry.write(ata.firmware.slice(-4), 32, 'latin1');
  tree.attrs(sdev, {
    vendor: 'ATA     ', model: ata.model.slice(0, 16), rev: ata.firmware.slice(-4), state: 'running', type: '0', scsi_level: '6', queue_depth: '32',
    queue_type: 'simple', timeout: '30', eh_timeout: '10', device_blocked: '0', ncq_prio_enable: '0', ncq_prio_supported: '0',
    wwid: `t10.ATA     ${ata.model}                  ${ata.serial}`,
  });
  tree.file(`${sdev}/inquiry`, inquiry);
  tree.file(`${sdev}/delete`, FORBIDDEN);
  tree.file(`${sdev}/rescan`, FORBIDDEN);
  tree.file(`${sdev}/unload_heads`, FORBIDDEN);
  const sdisk = `${sdev}/scsi_disk/0:0:0:0`;
  tree.attrs(sdisk, {
    provisioning_mode: 'writesame_16', zeroing_mode: 'write', thin_provisioning: '1', cache_type: 'write back', FUA: '0', manage_start_stop: '1',
    allow_restart: '1', protection_type: '0', protection_mode: 'none', app_tag_own: '0', max_write_same_blocks: '0', max_medium_access_timeouts: '2',
  });
  tree.linkTo('sys/class/scsi_disk/0:0:0:0', sdisk);

  const sda = `${sdev}/block/sda`;
  tree.attrs(sda, {
    size: '1000215216', removable: '0', ro: '0', hidden: '0', capability: '0', ext_range: '256', range: '16', dev: '8:0', alignment_offset: '0',
    discard_alignment: '0', events: '', events_poll_msecs: '-1', diskseq: '1',
  });
  tree.file(`${sda}/stat`, FORBIDDEN);
  tree.linkTo(`${sda}/device`, sdev);
  tree.attrs(`${sda}/queue`, {
    scheduler: '[mq-deadline] kyber bfq none', rotational: '0', discard_granularity: '512', discard_max_bytes: '2147450880',
    discard_max_hw_bytes: '2147450880', discard_zeroes_data: '0', max_discard_segments: '1', write_cache: 'write back', fua: '0',
    write_same_max_bytes: '0', write_zeroes_max_bytes: '0', nr_requests: '64', max_sectors_kb: '1280', max_hw_sectors_kb: '32767',
    max_segments: '168', max_segment_size: '65536', logical_block_size: '512', physical_block_size: '4096', hw_sector_size: '512',
    minimum_io_size: '4096', optimal_io_size: '0', chunk_sectors: '0', zoned: 'none', dax: '0', nomerges: '0', rq_affinity: '1',
    read_ahead_kb: '128', io_timeout: '30000', wbt_lat_usec: '2000', add_random: '0', iostats: '1', stable_writes: '0',
  });
  tree.attrs(`${sda}/sda1`, { partition: '1', start: '2048', size: '1000212480' });
  tree.linkTo('sys/block/sda', sda);
  tree.linkTo('sys/class/block/sda', sda);
  tree.linkTo('sys/class/block/sda1', `${sda}/sda1`);

  // The namespace block device sits inside the NVMe controller directory (owned by the nvme fixture).
  const ctrl = 'sys/devices/pci0000:ae/0000:ae:00.0/0000:af:00.0/nvme/nvme0';
  const ns = `${ctrl}/nvme0n1`;
  tree.attrs(ns, {
    size: '7501476528', removable: '0', ro: '0', hidden: '0', capability: '0', ext_range: '256', range: '0', dev: '259:0', alignment_offset: '0',
    discard_alignment: '0', events: '', events_poll_msecs: '-1', diskseq: '2', wwid: 'eui.36344730526019530025384500000001', nsid: '1',
    eui: '00 25 38 45 00 00 00 01', nguid: '36344730-5260-1953-0025-384500000001',
  });
  tree.linkTo(`${ns}/device`, ctrl);
  tree.attrs(`${ns}/queue`, {
    scheduler: '[none] mq-deadline kyber bfq', rotational: '0', discard_granularity: '4096', discard_max_bytes: '2199023255040',
    discard_max_hw_bytes: '2199023255040', max_discard_segments: '256', write_cache: 'write through', fua: '0', write_zeroes_max_bytes: '0',
    nr_requests: '1023', max_sectors_kb: '128', max_hw_sectors_kb: '128', max_segments: '33', max_segment_size: '4294967295',
    logical_block_size: '512', physical_block_size: '4096', hw_sector_size: '512', minimum_io_size: '4096', optimal_io_size: '131072',
    zoned: 'none', dax: '0', nomerges: '0', rq_affinity: '1', read_ahead_kb: '128', io_poll: '0', io_timeout: '30000', wbt_lat_usec: '2000',
    add_random: '0', iostats: '1', stable_writes: '0', virt_boundary_mask: '4095',
  });
  tree.linkTo('sys/block/nvme0n1', ns);
  tree.linkTo('sys/class/block/nvme0n1', ns);
}
