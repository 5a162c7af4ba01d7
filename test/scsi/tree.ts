import { NEVER_READ } from '../../collector/classes/scsi/attributes.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeTree, type TreeNode } from '../faults/fault-helpers.js';
import { hexBytes } from './real-samples.js';

type Nodes = Record<string, TreeNode | Buffer>;

/** Writes the nodes under root; Buffers are binary files (VPD pages). */
export function writeScsiTree(root: string, nodes: Nodes): void {
  const rest: Record<string, TreeNode> = {};
  const fifos: string[] = [];
  for (const [rel, n] of Object.entries(nodes)) {
    if (Buffer.isBuffer(n)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), n);
    } else if (typeof n === 'object' && 'fifo' in n) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      fifos.push(join(root, rel));
    } else rest[rel] = n;
  }
  writeTree(root, rest);
  if (fifos.length) execFileSync('mkfifo', fifos);
}

/** A PCI function's SCSI host as the kernel lays it out: the host directory under the function, linked from /sys/class/scsi_host. */
export function host(n: number, bdf: string, attrs: Record<string, string>, o: { denied?: boolean; under?: string } = {}): Nodes {
  const rel = `${o.under ?? `pci0000:00/${bdf}`}/host${n}`;
  const dir = `sys/devices/${rel}/scsi_host/host${n}`;
  const nodes: Nodes = { [`sys/class/scsi_host/host${n}`]: { link: `../../devices/${rel}/scsi_host/host${n}` } };
  for (const [a, v] of Object.entries(attrs)) nodes[`${dir}/${a}`] = `${v}\n`;
  // Every name that must never be opened, as a FIFO: opening one would block and storing it would show.
  if (o.denied) for (const a of NEVER_READ) nodes[`${dir}/${a}`] = { fifo: true };
  return nodes;
}

/** A SCSI device H:C:T:L under its host, listed in /sys/bus/scsi/devices. */
export function scsiDevice(hctl: string, hostRel: string, attrs: Record<string, string | Buffer>, power: Record<string, string> = {}): Nodes {
  const [h, c, t] = hctl.split(':');
  const rel = `${hostRel}/host${h}/target${h}:${c}:${t}/${hctl}`;
  const nodes: Nodes = { [`sys/bus/scsi/devices/${hctl}`]: { link: `../../../devices/${rel}` } };
  for (const [a, v] of Object.entries(attrs)) nodes[`sys/devices/${rel}/${a}`] = typeof v === 'string' ? `${v}\n` : v;
  for (const [a, v] of Object.entries(power)) nodes[`sys/devices/${rel}/power/${a}`] = `${v}\n`;
  nodes[`sys/devices/${rel}/rescan`] = { fifo: true };
  nodes[`sys/devices/${rel}/delete`] = { fifo: true };
  return nodes;
}

const vpd80 = (serial: string): Buffer => Buffer.concat([Buffer.from([0, 0x80, 0, serial.length]), Buffer.from(serial, 'latin1')]);
const SAS_DISK_VPD83 = hexBytes('00 83 00 48 01 03 00 08 50 00 c5 00 30 11 cb 2b 61 93 00 08 50 00 c5 00 30 11 cb 29 61 94 00 04 00 00 00 01 61 a3 00 08 50 00 c5 00 30 11 cb 28 03 28 00 18 6e 61 61 2e 35 30 30 30 43 35 30 30 33 30 31 31 43 42 32 38 00 00 00 00');

/**
 * A host with one adapter of each driver the scsi class knows, attribute names from the drivers' tables, value
 * shapes from public outputs (Broadcom SAS3 P16 16.00.10.00 / BIOS 8.37.00.00; lpfc fwrev from insights-core;
 * qla2xxx "8.08.231 (d0d5)"), plus an AHCI port with a SATA disk. With `denied`, every never-read name exists as a FIFO.
 */
export function scsiHost(denied = false): Nodes {
  const mpt = 'pci0000:00/0000:00:03.0/0000:02:00.0';
  const d = { denied };
  return {
    ...host(0, '0000:00:17.0', { proc_name: 'ahci', link_power_management_policy: 'med_power_with_dipm', can_queue: '32' }, { under: 'pci0000:00/0000:00:17.0/ata1', ...d }),
    ...scsiDevice('0:0:0:0', 'pci0000:00/0000:00:17.0/ata1', { vendor: 'ATA     ', model: 'Samsung SSD 870 ', rev: '2B6Q' }),
    ...host(1, '0000:02:00.0', {
      proc_name: 'mpt3sas', version_fw: '16.00.10.00', version_bios: '08.37.00.00', version_mpi: '02.00.2b', version_product: 'SAS3008',
      version_nvdata_persistent: '0e.01.00.07', board_name: 'SAS9300-8i', board_assembly: 'H3-25573-00H', board_tracer: 'SP61409562',
      host_sas_address: '0x500605b00a1b2c3d', ioc_reset_count: '2', logging_level: '00000000',
    }, { under: mpt, ...d }),
    ...scsiDevice('1:0:0:0', mpt, {
      vendor: 'HP      ', model: 'EK0800JVYPN     ', rev: 'HPD6', type: '0', queue_depth: '254', queue_type: 'simple', timeout: '30',
      sas_address: '0x5000c5003011cb29', vpd_pg80: vpd80('S3E0CF5X0000K743'), vpd_pg83: SAS_DISK_VPD83, ioerr_cnt: '0x0',
    }, { control: 'on', runtime_status: 'active' }),
    'sys/class/sas_expander/expander-1:0': { link: `../../devices/${mpt}/host1/port-1:0/expander-1:0/sas_expander/expander-1:0` },
    ...Object.fromEntries(Object.entries({ vendor_id: 'LSI', product_id: 'SAS3x28', product_rev: '0601', component_vendor_id: 'LSI', level: '1' }).map(([a, v]) => [`sys/devices/${mpt}/host1/port-1:0/expander-1:0/sas_expander/expander-1:0/${a}`, `${v}\n`])),
    'sys/class/sas_phy/phy-1:0': { link: `../../devices/${mpt}/host1/phy-1:0/sas_phy/phy-1:0` },
    [`sys/devices/${mpt}/host1/phy-1:0/sas_phy/phy-1:0/negotiated_linkrate`]: '12.0 Gbit\n',
    [`sys/devices/${mpt}/host1/phy-1:0/sas_phy/phy-1:0/sas_address`]: '0x500605b00a1b2c3d\n',
    [`sys/devices/${mpt}/host1/phy-1:0/sas_phy/phy-1:0/invalid_dword_count`]: { fifo: true },
    [`sys/devices/${mpt}/host1/phy-1:0/sas_phy/phy-1:0/running_disparity_error_count`]: { fifo: true },
    ...host(2, '0000:05:00.0', {
      proc_name: 'qla2xxx', fw_version: '8.08.231 (d0d5)', optrom_fw_version: '8.08.231 0', optrom_bios_version: '3.57', isp_name: 'ISP2532',
      model_name: 'QLE2562', serial_num: 'RFD1234K56789', total_isp_aborts: '0', fw_dump_size: '0', driver_version: '10.02.09.100-k',
    }, d),
    'sys/class/fc_host/host2': { link: '../../devices/pci0000:00/0000:05:00.0/host2/fc_host/host2' },
    ...Object.fromEntries(Object.entries({
      port_name: '0x21000024ff4b1a2c', node_name: '0x20000024ff4b1a2c', port_state: 'Online', speed: '8 Gbit', port_type: 'NPort (fabric via point-to-point)',
      symbolic_name: 'QLE2562 FW:v8.08.231 DVR:v10.02.09.100-k', fabric_name: '0x100000051e90e1a2',
    }).map(([a, v]) => [`sys/devices/pci0000:00/0000:05:00.0/host2/fc_host/host2/${a}`, `${v}\n`])),
    'sys/devices/pci0000:00/0000:05:00.0/host2/fc_host/host2/statistics/tx_frames': { fifo: true },
    ...host(3, '0000:06:00.0', { proc_name: 'hpsa', firmware_revision: '7.00', lockup_detected: 'ld=0', transport_mode: 'performant' }, d),
    ...host(4, '0000:07:00.0', { proc_name: 'smartpqi', firmware_version: '1.98-0', model: 'SmartRAID 3154-8i', vendor: 'Adaptec', serial_number: '7A4563EABA3' }, d),
    ...host(5, '0000:08:00.0', { proc_name: 'lpfc', fwrev: '2.02X12 (U3H2.02X12), sli-3', modelname: 'LPe12002', serialnum: 'VM12345678', option_rom_version: '5.03a0' }, d),
    ...host(6, '0000:09:00.0', { proc_name: 'megaraid_sas', page_size: '4095', ldio_outstanding: '0', fw_crash_buffer_size: '0' }, d),
    ...host(7, '0000:0a:00.0', { proc_name: 'aacraid', model: 'Series 8', vendor: 'Adaptec', hba_kernel_version: '7.8-0[32114]', hba_bios_version: '7.8-0[32114]' }, d),
    ...host(8, '0000:0b:00.0', { proc_name: 'bfa', firmware_version: '3.2.5.1', option_rom_version: '3.2.5.1', model: 'QLogic-1860' }, d),
  };
}
