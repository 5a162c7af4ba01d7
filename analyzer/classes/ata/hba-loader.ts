import { DIR_LINK_NAME } from '../../../bundle/format.js';
import { instances, lastBdf } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

const SCSI_HOST = /^sys\/class\/scsi_host\/([^/]+)\//;

/** Attributes in which SCSI host drivers keep the firmware version they read at probe, per driver. */
export const HBA_FIRMWARE_ATTRIBUTES = ['fw_version', 'version_fw', 'firmware_revision', 'firmware_version'] as const;
export const HBA_BIOS_ATTRIBUTES = ['version_bios'] as const;
const IDENTITY = ['proc_name', 'board_name', 'version_product'] as const;

function loadHost(ctx: LoadContext, host: string): void {
  const dir = `sys/class/scsi_host/${host}`;
  const value = (a: string): string | undefined => ctx.text(`${dir}/${a}`)?.trim() || undefined;
  const fw = HBA_FIRMWARE_ATTRIBUTES.find((a) => value(a) !== undefined);
  const bios = HBA_BIOS_ATTRIBUTES.find((a) => value(a) !== undefined);
  if (!fw && !bios) return; // ahci and most hosts keep no version: nothing to say about them
  const key = `scsi_host:${host}`;
  const bdf = lastBdf(ctx.text(`${dir}/${DIR_LINK_NAME}`));
  ctx.sink.device({ key, class: 'scsi_host', pciAddress: bdf, parentKey: bdf, driver: value('proc_name') ?? null, model: value('board_name') ?? value('version_product') ?? null });
  if (fw) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: value(fw)!, state: 'running', artifact: `${dir}/${fw}` });
  if (bios) ctx.sink.firmware({ deviceKey: key, component: 'bios', version: value(bios)!, state: 'running', artifact: `${dir}/${bios}` });
  for (const a of IDENTITY) {
    const v = value(a);
    if (v !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'scsi_host', key: a, value: v, mode: 'current', artifact: `${dir}/${a}` });
  }
}

/** SCSI hosts (HBAs) with the firmware versions their drivers expose in sysfs. */
export const hbaLoader: ClassLoader = {
  name: 'ata-hba',
  load(ctx) {
    for (const host of instances(ctx, SCSI_HOST)) loadHost(ctx, host);
  },
};
