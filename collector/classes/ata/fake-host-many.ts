import type { ManyDevices } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { buildIdentify, identifyText } from './fake-host-identify.js';

/** SATA drives of the many-devices trees: model and firmware as the drives report them in IDENTIFY. */
const MODELS: readonly (readonly [string, string])[] = [['Samsung SSD 870 EVO 1TB', 'SVT02B6Q'], ['ST4000NM0035-1V4107', 'TNC3'], ['Crucial_CT512MX100SSD1', 'MU01'], ['WDC WD40EFRX-68N32N0', '82.00A82']];

/** sda … sdz, sdaa …: the kernel's disk names (sd_format_disk_name). */
function diskName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Disk `i` behind its own AHCI port of a controller at 0000:1x (its full IDENTIFY, trim and transfer modes, link
 * speed, the SCSI host's LPM policy, the SCSI device and its block device with queue limits); the model is the
 * seed's turn through MODELS.
 */
function ataDisk(tree: FakeTree, i: number, seed: number): void {
  const ctrl = `0000:${(0x10 + (i >> 8)).toString(16).padStart(2, '0')}:${((i >> 3) & 0x1f).toString(16).padStart(2, '0')}.${i & 7}`;
  const port = `sys/devices/pci0000:00/${ctrl}/ata${i + 1}`;
  const host = `host${i}`;
  const sdev = `${port}/${host}/target${i}:0:0/${i}:0:0:0`;
  const disk = `sd${diskName(i)}`;
  const [model, firmware] = MODELS[(seed + i) % MODELS.length]!;
  const dev = `dev${i + 1}.0`;
  const devDir = `${port}/link${i + 1}/${dev}/ata_device/${dev}`;
  tree.attrs(devDir, { class: 'ata', trim: 'queued', ering: '', spdn_cnt: '0', pio_mode: 'XFER_PIO_4', dma_mode: 'XFER_UDMA_6', xfer_mode: 'XFER_UDMA_6' });
  tree.file(`${devDir}/id`, identifyText(buildIdentify({ serial: `S${String(i).padStart(11, '0')}`, firmware, model, sectors: 1953525168, wwn: [0x5002, 0x538e, i >> 16, i & 0xffff] })));
  tree.linkTo(`sys/class/ata_device/${dev}`, devDir);
  tree.attrs(`${port}/link${i + 1}/ata_link/link${i + 1}`, { hw_sata_spd_limit: '6.0 Gbps', sata_spd_limit: '<unknown>', sata_spd: '6.0 Gbps' });
  tree.linkTo(`sys/class/ata_link/link${i + 1}`, `${port}/link${i + 1}/ata_link/link${i + 1}`);
  const h = `${port}/${host}/scsi_host/${host}`;
  tree.attrs(h, { link_power_management_policy: 'med_power_with_dipm', proc_name: 'ahci', unique_id: String(i + 1), can_queue: '32' });
  tree.linkTo(`sys/class/scsi_host/${host}`, h);
  tree.attrs(sdev, { vendor: 'ATA     ', model: model.slice(0, 16), rev: firmware.slice(-4), state: 'running', queue_depth: '32' });
  const blk = `${sdev}/block/${disk}`;
  tree.attrs(blk, { size: '1953525168', removable: '0', ro: '0' });
  tree.linkTo(`${blk}/device`, sdev);
  tree.attrs(`${blk}/queue`, { scheduler: '[mq-deadline] none', rotational: '0', max_sectors_kb: '1280', max_hw_sectors_kb: '32767', discard_max_bytes: '2147450880', fua: '0' });
  tree.linkTo(`sys/block/${disk}`, blk);
  tree.linkTo(`sys/class/block/${disk}`, blk);
}

/** Many SATA disks, each on its own port (the AHCI controllers' functions themselves are not written). */
export const ataMany: ManyDevices = {
  class: 'ata',
  noun: 'ATA disks',
  counted: ['ata', 'block'],
  write(tree, count, at) {
    for (let i = 0; i < count; i++) ataDisk(tree, i, at.seed);
    return [];
  },
};
