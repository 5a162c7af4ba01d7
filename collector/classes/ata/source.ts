import type { Source, SourceContext } from '../../source.js';
import { ataDeviceOf, ataDiskPath, ataLinkOf } from './topology.js';
import {
  ATA_DEVICE_ATTRIBUTES,
  ATA_LINK_ATTRIBUTES,
  ATA_PORT_ATTRIBUTES,
  BLOCK_ATTRIBUTES,
  BLOCK_DEVICE_ATTRIBUTES,
  QUEUE_ATTRIBUTES,
  SCSI_DISK_ATTRIBUTES,
} from './attributes.js';
import { presentNames } from '../../sysfs-names.js';

const BLOCK = '/sys/block';
const ATA_DEVICES = '/sys/class/ata_device';
const ATA_LINKS = '/sys/class/ata_link';
const ATA_PORTS = '/sys/class/ata_port';
const SCSI_DISKS = '/sys/class/scsi_disk';

const list = (ctx: SourceContext, dir: string): string[] => (ctx.isDir(dir) ? (ctx.listDir(dir) ?? []) : []);

/** Stores a class device's link and its allow-listed attributes; returns the link target. */
function collectClassDevice(ctx: SourceContext, dir: string, names: readonly string[]): string | undefined {
  const target = ctx.collectLink(dir, { directory: true });
  ctx.collectAttributes(dir, presentNames(ctx, dir, names));
  return target;
}

function collectDisk(ctx: SourceContext, disk: string): string | undefined {
  const dir = `${BLOCK}/${disk}`;
  ctx.device('block', disk);
  const target = collectClassDevice(ctx, dir, BLOCK_ATTRIBUTES);
  if (ctx.isDir(`${dir}/device`)) {
    ctx.collectLink(`${dir}/device`, { directory: true });
    ctx.collectAttributes(`${dir}/device`, presentNames(ctx, `${dir}/device`, BLOCK_DEVICE_ATTRIBUTES));
  }
  if (ctx.isDir(`${dir}/queue`)) ctx.collectAttributes(`${dir}/queue`, presentNames(ctx, `${dir}/queue`, QUEUE_ATTRIBUTES));
  return target;
}

function collectAtaDevice(ctx: SourceContext, dev: string): void {
  // An empty port (class "none") is collected but is no device: counted as one, collect and the report would disagree.
  if (ctx.peekText(`${ATA_DEVICES}/${dev}/class`)?.trim() !== 'none') ctx.device('ata', dev);
  const target = collectClassDevice(ctx, `${ATA_DEVICES}/${dev}`, ATA_DEVICE_ATTRIBUTES);
  if (!target) return;
  const link = ataLinkOf(target);
  if (link && ctx.isDir(`${ATA_LINKS}/${link}`)) collectClassDevice(ctx, `${ATA_LINKS}/${link}`, ATA_LINK_ATTRIBUTES);
  const port = /\/(ata\d+)\//.exec(target)?.[1];
  if (port && ctx.isDir(`${ATA_PORTS}/${port}`)) collectClassDevice(ctx, `${ATA_PORTS}/${port}`, ATA_PORT_ATTRIBUTES);
}

const UNUSED_WHEN_EMPTY = /^(loop|ram|zram|nbd)\d+$/;

export const source: Source = {
  name: 'block',
  description: 'block devices and their queues, SCSI disks, libata devices with full IDENTIFY data',
  collect(ctx) {
    // Unused virtual devices (a loop device with nothing attached reads size 0) say nothing about hardware.
    const disks = list(ctx, BLOCK).filter((d) => !(UNUSED_WHEN_EMPTY.test(d) && ctx.peekText(`${BLOCK}/${d}/size`)?.trim() === '0'));
    const ataDevices = list(ctx, ATA_DEVICES);
    if (disks.length === 0 && ataDevices.length === 0) ctx.skip('no block devices on this host');
    const done = new Set<string>();
    for (const disk of disks) {
      const target = collectDisk(ctx, disk);
      const path = target === undefined ? undefined : ataDiskPath(target);
      const dev = path && ataDeviceOf(path, ataDevices);
      if (dev && !done.has(dev)) {
        collectAtaDevice(ctx, dev);
        done.add(dev);
      }
    }
    for (const dev of ataDevices) if (!done.has(dev)) collectAtaDevice(ctx, dev);
    for (const hctl of list(ctx, SCSI_DISKS)) collectClassDevice(ctx, `${SCSI_DISKS}/${hctl}`, SCSI_DISK_ATTRIBUTES);
  },
};
