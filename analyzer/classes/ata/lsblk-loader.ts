import { placeholderRevision } from '../core/inquiry-model.js';
import { recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseLsblk, type LsblkDisk } from './lsblk.js';
import { CUT_MODEL_WHY, inquiryAtaFirmware, inquiryAtaModel, SCSI_REV_WHY } from './inquiry-cut.js';
import { storeListedDrive } from './listed-drive.js';

const LSBLK = /^cmd\/lsblk\/[^/]+\.out$/;
/** Disks lsblk lists that are drives: SCSI-layer disks (`sda`), old IDE ones (`hda`), NVMe namespaces. */
const SCSI_DISK = /^(?:sd[a-z]+|hd[a-z])$/;
const NVME_NAMESPACE = /^nvme(\d+)n\d+$/;
/** Transports of a SCSI-layer disk that is no ATA drive libata runs (SAS, USB bridges, iSCSI, Fibre Channel). */
const NOT_ATA = /^(?:sas|usb|iscsi|fc|spi|srp|ieee1394|ubd|virtio|mmc)$/i;

/**
 * The drive a disk row lists, and its class: an NVMe namespace's controller (`nvme:nvme0`: lsblk's MODEL, SERIAL and
 * REV of an NVMe disk are the controller's model, serial and firmware revision); a SCSI-layer disk is an ATA drive
 * (`ata:sda`, as hdparm's and smartctl's loaders key one) unless its transport or vendor says another (SAS, USB: the
 * disk `block:sdb`). An ATA drive's MODEL and REV are what udev read of IDENTIFY (its whole model and firmware); where
 * lsblk fell back to sysfs they are the SCSI INQUIRY's product and revision libata made of them (16 and 4 characters),
 * the model's start and the revision's end, which may name the drive less exactly.
 */
function driveOf(d: LsblkDisk): { key: string; cls: 'nvme' | 'ata' | 'block' } | undefined {
  const nvme = NVME_NAMESPACE.exec(d.name);
  if (nvme) return { key: `nvme:nvme${nvme[1]}`, cls: 'nvme' };
  if (!SCSI_DISK.test(d.name)) return undefined;
  const ata = d.name.startsWith('hd') || (!(d.tran && NOT_ATA.test(d.tran)) && !(d.vendor && d.vendor !== 'ATA'));
  return ata ? { key: `ata:${d.name}`, cls: 'ata' } : { key: `block:${d.name}`, cls: 'block' };
}

function loadOutput(ctx: LoadContext, name: string): void {
  const origin = ctx.record(name)?.origin;
  const listing = ctx.parse(name, 'lsblk', (d) => parseLsblk(d.toString('utf8'), origin?.kind === 'cmd' ? origin.argv : []));
  if (!listing) return;
  recordLineIssues(ctx, name, 'lsblk', listing.issues);
  const cut: string[] = [];
  let ataRev = false;
  for (const d of listing.disks) {
    if (d.type && d.type !== 'disk') continue;
    const drive = driveOf(d);
    if (!drive || (!d.model && !d.serial && !d.rev)) continue;
    const model = d.model && drive.cls === 'ata' ? inquiryAtaModel(d.model) : d.model ? { model: d.model, cut: false } : undefined;
    // util-linux 2.39 on reads REV from udev's ID_REVISION, the whole firmware revision; sysfs's has 4 characters.
    const partRev = d.rev !== undefined && d.rev !== '' && drive.cls === 'ata' && d.rev.length <= 4 && !placeholderRevision(d.rev);
    const rev = d.rev && partRev ? inquiryAtaFirmware(d.rev) : d.rev;
    const stored = storeListedDrive(ctx, name, { ...drive, name: d.name, ...(model ? { model } : {}), ...(d.serial ? { serial: d.serial } : {}), ...(rev ? { firmware: rev } : {}), named: 'node' });
    if (!stored) continue;
    if (stored.modelCut) cut.push(`${d.name} "${d.model}"`);
    if (partRev) ataRev = true;
  }
  if (cut.length) ctx.sink.issue('PARTIAL-MODEL', `${name}: lsblk printed ${cut.join(', ')} as the model (it read sysfs, not udev): ${CUT_MODEL_WHY}`, name);
  if (ataRev) ctx.sink.issue('PARTIAL-FIRMWARE', `${name}: lsblk's REV of an ATA drive is ${SCSI_REV_WHY}`, name);
}

/** Saved lsblk listings (`cmd/lsblk/…`, replayed from a captured tree): a drive list, each disk's model, serial and firmware revision. */
export const lsblkLoader: ClassLoader = {
  name: 'lsblk',
  load(ctx) {
    for (const name of ctx.names(LSBLK)) loadOutput(ctx, name);
  },
};
