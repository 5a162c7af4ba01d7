import { namesDevice } from '../../parsers/masked-value.js';
import type { LoadContext } from '../../load/types.js';
import type { DriveIdentity } from '../../db/rows.js';

/** A drive as a listing names it (a disk row of lsblk, a row or disk of a person's drive list). */
export interface DriveInListing {
  key: string;
  cls: 'ata' | 'nvme' | 'block';
  /** The disk's node name (`sda`), when the listing gives one. */
  name?: string;
  model?: { model: string; cut: boolean };
  serial?: string;
  firmware?: string;
  named: DriveIdentity['named'];
}

/**
 * Stores a listed drive, its model and serial and its running firmware, unless the host's own rows (sysfs, IDENTIFY) or
 * another output of the same drive already hold it, which are the better source. Undefined when it was left to them;
 * else whether the model stored is one the listing may have cut.
 */
export function storeListedDrive(ctx: LoadContext, artifact: string, d: DriveInListing): { modelCut: boolean } | undefined {
  const serial = namesDevice(d.serial) ? d.serial : undefined;
  const devices = ctx.devices();
  if (serial && devices.some((x) => x.serial === serial && x.key !== d.key)) return undefined;
  if (d.name && devices.some((x) => x.key === `block:${d.name}` && x.parentKey)) return undefined;
  const known = devices.find((x) => x.key === d.key);
  ctx.sink.device({
    key: d.key, class: d.cls, model: known?.model ? null : (d.model?.model ?? null), serial: known?.serial ? null : (d.serial ?? null),
    ...(serial && !known ? { drive: { bus: d.cls === 'nvme' ? 'NVMe' : d.cls === 'ata' ? 'ATA' : 'SCSI', serial, named: d.named } } : {}),
  });
  const running = ctx.firmware(d.key).some((f) => f.component === 'firmware' && f.state === 'running');
  if (d.firmware && !running) ctx.sink.firmware({ deviceKey: d.key, component: 'firmware', version: d.firmware, state: 'running', artifact });
  return { modelCut: (d.model?.cut ?? false) && !known?.model };
}
