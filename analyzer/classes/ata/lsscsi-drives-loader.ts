import { placeholderRevision } from '../core/inquiry-model.js';
import { parseLsscsi, type Lsscsi } from '../core/lsscsi.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { CUT_MODEL_WHY, inquiryAtaFirmware, inquiryAtaModel, SCSI_REV_WHY } from './inquiry-cut.js';
import { storeListedDrive } from './listed-drive.js';
import { scsiHostPort } from './scsi-host-ports.js';

const LSSCSI = /^cmd\/lsscsi\/[^/]+\.out$/;
const HOSTS = 'cmd/lsscsi/-H.out';
/** udev's walk up from a SCSI host (`udevadm info -a /sys/class/scsi_host/hostN`), as an import stores sos's. */
const HOST_WALK = /^cmd\/udevadm\/info_-a_[^/]*scsi_host[^/]*\.out$/;
/** A disk node lsscsi names (`/dev/sda`): the drive's key is `ata:sda`, as smartctl's and hdparm's loaders key it. */
const DISK_NODE = /^\/dev\/(sd[a-z]+)$/;
/** Peripheral types of a drive libata runs: a disk, a host-managed zoned disk. */
const DRIVE_TYPES = new Set([0x00, 0x14]);
/** A storage array controller (SCC, type 0x0c): a RAID adapter listing itself, whose firmware runs the host's drives. */
const RAID_CONTROLLER = 0x0c;
/**
 * Host drivers whose firmware translates SCSI to ATA itself (a SATL: the vendor is `ATA` there too), so the kernel's
 * libata, and its quirk table, never runs the drive. libsas hosts (pm80xx, hisi_sas, mvsas, isci) hand SATA drives
 * to libata and are not here.
 */
const FIRMWARE_SATL = /^(?:mpt[23]?sas|megaraid_sas|megaraid|aacraid|smartpqi|hpsa|cciss|arcmsr|3w-\w+|mptspi|mptfc|ips|pmcraid|ipr|esas2r|stex|mvumi)$/;

/**
 * The libata device a SCSI address names when its host's port is known: `devP.T` on the port's own link (SCSI channel
 * 0, the target is the device number), `devP.C.0` behind a port multiplier (the channel is its port). As sysfs names it
 * (collector/classes/ata/topology.ts), so an import keys the drive as fwsnap collect on the same host does.
 */
function libataKey(hctl: string, ports: ReadonlyMap<number, number>): string | undefined {
  const [h, c, t] = hctl.split(':').map(Number);
  const port = ports.get(h!);
  if (port === undefined || c === undefined || t === undefined) return undefined;
  return c === 0 ? `ata:dev${port}.${t}` : `ata:dev${port}.${c}.0`;
}

function parsed(ctx: LoadContext, name: string): Lsscsi | undefined {
  return ctx.parse(name, 'lsscsi', (d) => parseLsscsi(d.toString('utf8')));
}

/**
 * SATA drives an lsscsi listing names (vendor `ATA`, a disk with its node): the drive `ata:sda` with the model and
 * revision the SCSI layer made of IDENTIFY (the model's first 16 characters, the firmware revision's last 4), as
 * lsblk's and a drive list's are, so the libata quirk rules see it. Left to the host's sysfs rows when the tree has
 * them, and skipped on a host whose driver is a firmware SATL (`lsscsi -H`) or that lists a RAID controller (type
 * `storage`, a Smart Array's `P460-M4`): libata, and its quirk table, does not run those drives.
 */
export const lsscsiDrivesLoader: ClassLoader = {
  name: 'lsscsi-drives',
  load(ctx) {
    if (ctx.names(/^sys\/bus\/scsi\/devices\//).length || ctx.names(/^sys\/class\/ata_device\//).length) return;
    const hosts = ctx.get(HOSTS) ? parsed(ctx, HOSTS)?.hosts ?? [] : [];
    const satl = new Set(hosts.filter((h) => FIRMWARE_SATL.test(h.driver)).map((h) => h.host));
    const ports = new Map<number, number>();
    for (const walk of ctx.names(HOST_WALK)) {
      const p = ctx.parse(walk, 'udevadm-scsi-host', (d) => scsiHostPort(d.toString('utf8')) ?? null);
      if (p) ports.set(p.host, p.port);
    }
    for (const name of ctx.names(LSSCSI)) {
      if (name === HOSTS) continue;
      const listing = parsed(ctx, name);
      if (!listing) continue;
      const hostOf = (hctl: string): number => Number(hctl.split(':')[0]);
      const raid = new Set(listing.devices.filter((d) => d.typeNumber === RAID_CONTROLLER).map((d) => hostOf(d.hctl)));
      const cut: string[] = [];
      let rev = false;
      for (const d of listing.devices) {
        const node = DISK_NODE.exec(d.node);
        if (!node || d.vendor !== 'ATA' || d.typeNumber === null || !DRIVE_TYPES.has(d.typeNumber) || !d.model) continue;
        if (satl.has(hostOf(d.hctl)) || raid.has(hostOf(d.hctl))) continue;
        const model = inquiryAtaModel(d.model);
        const key = libataKey(d.hctl, ports) ?? `ata:${node[1]}`;
        // The same drive under its node's name (smartctl, hdparm -I of /dev/sdX) is the better source.
        if (key !== `ata:${node[1]}` && ctx.devices().some((x) => x.key === `ata:${node[1]}`)) continue;
        const stored = storeListedDrive(ctx, name, { key, cls: 'ata', name: node[1]!, model, ...(d.rev ? { firmware: inquiryAtaFirmware(d.rev) } : {}), named: 'node' });
        if (!stored) continue;
        if (stored.modelCut) cut.push(`${node[1]} "${d.model}"`);
        if (d.rev && !placeholderRevision(d.rev)) rev = true;
      }
      if (cut.length) ctx.sink.issue('PARTIAL-MODEL', `${name}: lsscsi printed ${cut.join(', ')} as the model: ${CUT_MODEL_WHY}`, name);
      if (rev) ctx.sink.issue('PARTIAL-FIRMWARE', `${name}: lsscsi's revision of an ATA drive is ${SCSI_REV_WHY}`, name);
    }
  },
};
