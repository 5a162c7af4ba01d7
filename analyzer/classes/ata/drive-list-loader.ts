import { placeholderRevision } from '../core/inquiry-model.js';
import { recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { isDriveListText } from '../../../collector/classes/ata/drive-list-text.js';
import { decodeWord } from '../../../collector/saved-output-name.js';
import { parseDriveList, type ListedDrive } from './drive-list.js';
import { CUT_MODEL_WHY, inquiryAtaFirmware, inquiryAtaModel, SCSI_REV_WHY } from './inquiry-cut.js';
import { storeListedDrive } from './listed-drive.js';

/** A drive list is kept at the top of the bundle under the name the person gave it (collector/classes/ata/drive-list-source.ts). */
const TOP_LEVEL = /^[^/]+$/;
const NVME_NAME = /^nvme(\d+)(?:n\d+)?$/;
const SCSI_DISK = /^(?:sd[a-z]+|hd[a-z])$/;
/** What a list's bus column says of a drive that is no ATA drive libata runs. */
const NOT_ATA_BUS = /^(?:sas|scsi|usb|iscsi|fc|fibre ?channel|spi|virtio|mmc|raid)$/i;
const NVME_BUS = /^(?:nvme|pcie|nvme over pcie|m\.2 nvme)$/i;

type Cls = 'ata' | 'nvme' | 'block';

/**
 * The class a listed drive is of: an NVMe namespace or controller by its name, else what the list's bus column says,
 * else its heading (`Model Number` is smartctl's NVMe label, `Device Model` its ATA one) or a model naming NVMe; sysfs's
 * vendor other than `ATA` is a SCSI-layer disk (SAS, USB); anything else an ATA drive.
 */
function classOf(d: ListedDrive): Cls {
  if (d.name && NVME_NAME.test(d.name)) return 'nvme';
  if (d.bus) return NVME_BUS.test(d.bus) || /nvme/i.test(d.bus) ? 'nvme' : NOT_ATA_BUS.test(d.bus) ? 'block' : 'ata';
  if (d.vendor && d.vendor.toUpperCase() !== 'ATA' && d.from !== 'table') return 'block';
  if (d.modelHeading && /^model\s*number$/i.test(d.modelHeading)) return 'nvme';
  if (d.model && /\bNVMe\b/i.test(d.model)) return 'nvme';
  return 'ata';
}

function keyOf(d: ListedDrive, cls: Cls, list: string, row: number): string {
  const nvme = d.name ? NVME_NAME.exec(d.name) : null;
  if (nvme && cls === 'nvme') return `nvme:nvme${nvme[1]}`;
  if (d.name && (SCSI_DISK.test(d.name) || cls !== 'nvme')) return `${cls}:${d.name}`;
  // No disk named: the list's row stands for the drive (`ata:drives-3`, the third drive of drives.csv).
  return `${cls}:${decodeWord(list).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.+-]+/g, '_')}-${row}`;
}

function loadList(ctx: LoadContext, name: string): void {
  const list = ctx.parse(name, 'drive-list', (d) => parseDriveList(d.toString('utf8'), decodeWord(name)));
  if (!list) return;
  recordLineIssues(ctx, name, 'drive-list', list.issues);
  const cut: string[] = [];
  let scsiRev = false;
  list.drives.forEach((d, i) => {
    const cls = classOf(d);
    const key = keyOf(d, cls, name, i + 1);
    // sysfs's model and rev of an ATA drive are the SCSI INQUIRY's; a person's table gives what they read.
    const model = d.model && cls === 'ata' && d.from !== 'table' ? inquiryAtaModel(d.model) : d.model ? { model: d.model, cut: false } : undefined;
    const partRev = d.firmware !== undefined && d.firmware !== '' && cls === 'ata' && d.from !== 'table' && !placeholderRevision(d.firmware);
    const firmware = d.firmware && partRev ? inquiryAtaFirmware(d.firmware) : d.firmware;
    const stored = storeListedDrive(ctx, name, { key, cls, ...(d.name ? { name: d.name } : {}), ...(model ? { model } : {}), ...(d.serial ? { serial: d.serial } : {}), ...(firmware ? { firmware } : {}), named: d.name ? 'node' : 'own' });
    if (!stored) return;
    if (stored.modelCut) cut.push(`${d.name} "${d.model}"`);
    if (partRev) scsiRev = true;
  });
  if (cut.length) ctx.sink.issue('PARTIAL-MODEL', `${name}: the SCSI layer gave ${cut.join(', ')} as the model: ${CUT_MODEL_WHY}`, name);
  if (scsiRev) ctx.sink.issue('PARTIAL-FIRMWARE', `${name}: the SCSI layer's rev of an ATA drive is ${SCSI_REV_WHY}`, name);
}

/** A person's drive lists (a model/firmware table, the disks' sysfs attributes) kept at the top of a bundle. */
export const driveListLoader: ClassLoader = {
  name: 'drive-list',
  load(ctx) {
    for (const name of ctx.names(TOP_LEVEL)) {
      const text = ctx.text(name);
      if (text !== undefined && isDriveListText(text, decodeWord(name))) loadList(ctx, name);
    }
  },
};
