import { namesDevice } from '../../parsers/masked-value.js';
import { onUdevLink, recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { otherName } from '../../db/one-drive.js';
import { parseHdparmDisks } from './hdparm.js';
import { driveNode, ownDriveName, udevLink } from '../../parsers/drive-node.js';

const HDPARM = /^cmd\/hdparm\/[^/]+\.out$/;

/**
 * `hdparm -I /dev/sdX` (and `hdparm -i`) as a report holds them (`fwsnap import`) or a person saved them in a tree
 * (`cmd/hdparm/-I_sda.txt`): an ATA device per disk when no device with the same serial was loaded from sysfs (whose
 * IDENTIFY words are the better source). Keyed `ata:<disk>`, as the smartctl loader keys a drive it finds no other row
 * for, so both land on one device. A paste of several disks (`hdparm -I /dev/sd?`) gives each disk its heading names.
 */
/** A serial that names one drive: not blank, a placeholder or a mask ('XXXXXXXX', '[REMOVED]'). */
const usableSerial = (s: string | undefined): s is string => namesDevice(s);

/**
 * `ata:<disk>`; when that key is already a drive of another serial (two hosts' sda), this drive is known by its serial
 * too (`ata:sda-Z240WE6F`), as smartctl's loader keys it; of the same serial and another world wide name, by that name.
 */
function keyFor(ctx: LoadContext, disk: string, serial: string | undefined, wwn: string | undefined): string {
  const key = `ata:${disk}`;
  const same = ctx.devices().find((d) => d.key === key);
  if (same && usableSerial(serial) && same.serial === serial && otherName(ctx.drive(key)?.wwn, wwn)) return `${key}-${wwn}`;
  if (!same || !usableSerial(serial) || !usableSerial(same.serial ?? undefined) || same.serial === serial) return key;
  return `${key}-${serial.replace(/[^A-Za-z0-9_.:+,-]/g, '_')}`;
}

function loadOutput(ctx: LoadContext, name: string): void {
  const origin = ctx.record(name)?.origin;
  const argv = origin?.kind === 'cmd' ? origin.argv : undefined;
  if (!argv) return;
  const named = argv.at(-1)?.startsWith('/dev/') ? argv.at(-1) : undefined;
  const paste = ctx.parse(name, 'hdparm', (d) => parseHdparmDisks(d.toString('utf8')));
  if (!paste) return;
  recordLineIssues(ctx, name, 'hdparm', paste.issues);
  const identified = paste.disks.filter((d) => d.model || d.serial);
  for (const id of identified) {
    // The disk the command names is the one its output is about when the output shows only one.
    const dev = identified.length === 1 ? (named ?? id.disk) : id.disk;
    const link = dev !== undefined && udevLink(dev);
    if (!dev || (!link && !/^\/dev\/[\w.:+-]+$/.test(dev))) {
      ctx.sink.issue('PARSE', `${name}: an hdparm output that names no disk (no /dev/sdX: heading, nor one in its name or command line): not loaded`, name);
      continue;
    }
    if (id.serial && ctx.devices().some((d) => d.serial === id.serial && (d.class === 'ata' || d.class === 'block') && !otherName(ctx.drive(d.key)?.wwn, id.wwn))) continue;
    // hdparm run on a partition (`hdparm -I /dev/sda2`) reads its drive. Run on a udev link (`/dev/disk/by-id/…`), which
    // names no node of the drive, it is named by the serial it prints (`ata:hdparm-<serial>`), declared as what it gives of
    // itself so that it folds into the device of that serial the host or a node names; without one, by the link.
    const own = link && usableSerial(id.serial) ? id.serial : undefined;
    const key = own !== undefined ? `ata:${ownDriveName('hdparm', own)}`
      : keyFor(ctx, link ? dev.slice('/dev/'.length).replace(/\//g, '-') : driveNode(dev.slice('/dev/'.length)), id.serial, id.wwn);
    ctx.sink.device({
      key, class: 'ata', model: id.model ?? null, serial: id.serial ?? null,
      ...(usableSerial(id.serial) ? { drive: { bus: 'ATA', serial: id.serial, ...(id.wwn ? { wwn: id.wwn } : {}), named: own !== undefined ? 'own' : 'node' } } : {}),
    });
    if (id.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: id.firmware, state: 'running', artifact: name });
    recordSettings(ctx, key, 'ata', id.settings, name);
  }
}

export const hdparmLoader: ClassLoader = {
  name: 'hdparm',
  load(ctx) {
    // -I before -i: the full IDENTIFY decode wins when a report holds both for one disk; outputs on a udev link after
    // those on a node, so that a drive both name is named by its node.
    const names = ctx.names(HDPARM).sort((a, b) => onUdevLink(ctx, a) - onUdevLink(ctx, b) || Number(/\/-[CIi]*I/.test(b)) - Number(/\/-[CIi]*I/.test(a)));
    for (const name of names) loadOutput(ctx, name);
  },
};
