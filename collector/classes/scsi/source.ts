import { replaySavedOutputs, type SavedReplay } from '../../replay-saved.js';
import type { Source, SourceContext } from '../../source.js';
import { savedLsscsiArgv } from './saved-lsscsi.js';
import { savedSdparmArgv } from './saved-sdparm.js';
import { savedSgInqArgv } from './saved-sg-inq.js';
import { savedSgVpdArgv } from './saved-sg-vpd.js';
import { presentNames } from '../../sysfs-names.js';
import {
  allowed,
  FC_HOST_ATTRIBUTES,
  hostAttributes,
  SAS_DEVICE_ATTRIBUTES,
  SAS_END_DEVICE_ATTRIBUTES,
  SAS_EXPANDER_ATTRIBUTES,
  SAS_PHY_ATTRIBUTES,
  SCSI_DEVICE_ATTRIBUTES,
  SCSI_DEVICE_POWER_ATTRIBUTES,
} from './attributes.js';

const SCSI_HOSTS = '/sys/class/scsi_host';
const SCSI_DEVICES = '/sys/bus/scsi/devices';
const FC_HOSTS = '/sys/class/fc_host';
/** SAS transport classes with the attributes read from each. */
const SAS_CLASSES: readonly (readonly [string, readonly string[]])[] = [
  ['/sys/class/sas_expander', SAS_EXPANDER_ATTRIBUTES],
  ['/sys/class/sas_phy', SAS_PHY_ATTRIBUTES],
  ['/sys/class/sas_device', SAS_DEVICE_ATTRIBUTES],
  ['/sys/class/sas_end_device', SAS_END_DEVICE_ATTRIBUTES],
];
const HCTL = /^\d+:\d+:\d+:\d+$/;

const list = (ctx: SourceContext, dir: string): string[] => (ctx.isDir(dir) ? (ctx.listDir(dir) ?? []) : []);

/** Stores a class device's link (its place under its PCI function) and the allow-listed attributes it has. */
function collectDevice(ctx: SourceContext, dir: string, names: readonly string[]): void {
  ctx.collectLink(dir, { directory: true });
  ctx.collectAttributes(dir, presentNames(ctx, dir, allowed(names)));
}

function collectHost(ctx: SourceContext, host: string): void {
  const dir = `${SCSI_HOSTS}/${host}`;
  const driver = ctx.peekText(`${dir}/proc_name`)?.trim() || undefined;
  const target = ctx.collectLink(dir, { directory: true });
  // A libata port (ahci…) is counted as the ata class's drive, not again as a host (the analyzer makes no row of it either).
  if (!/\/ata\d+\/host\d+\/scsi_host\//.test(target ?? '')) ctx.device('scsi_host', host);
  ctx.collectAttributes(dir, presentNames(ctx, dir, allowed(hostAttributes(driver))));
}

function collectScsiDevice(ctx: SourceContext, hctl: string): void {
  const dir = `${SCSI_DEVICES}/${hctl}`;
  ctx.device('scsi', hctl);
  collectDevice(ctx, dir, SCSI_DEVICE_ATTRIBUTES);
  if (ctx.isDir(`${dir}/power`)) ctx.collectAttributes(`${dir}/power`, presentNames(ctx, `${dir}/power`, SCSI_DEVICE_POWER_ATTRIBUTES));
}

/** A captured tree's saved sg_inq outputs (saved-sg-inq.ts): a drive's INQUIRY and VPD pages where the tree has no sysfs of it. */
const SAVED_SG_INQ: SavedReplay = {
  tool: 'sg_inq',
  argvOf: savedSgInqArgv,
  readsText: true,
  unknownWhy: 'saved sg_inq output: neither its name nor a command line pasted in it gives one SCSI node (sda, sg2) or an option other than -p 0x80, 0x83 or 0x89',
};

/** A captured tree's saved sg_vpd outputs (saved-sg-vpd.ts): VPD pages 0x80, 0x83 and 0x89 of a drive where the tree has no sysfs of it. */
const SAVED_SG_VPD: SavedReplay = {
  tool: 'sg_vpd',
  argvOf: savedSgVpdArgv,
  readsText: true,
  unknownWhy: 'saved sg_vpd output: neither its name nor a command line pasted in it gives one SCSI node (sda, sg2), or an option other than -a, -l, -v or one page read (-p sn, di, ai, sv, bl, bdc, lbpv or their numbers)',
};

const SAVED_SDPARM: SavedReplay = {
  tool: 'sdparm',
  argvOf: savedSdparmArgv,
  readsText: true,
  unknownWhy: 'saved sdparm output: neither its name nor a command line pasted in it gives one SCSI node (sda, sg2) or an option other than those that only print (-l, -a, -i, -p di/sn/ca…)',
};

const SAVED_LSSCSI: SavedReplay = {
  tool: 'lsscsi',
  argvOf: savedLsscsiArgv,
  unknownWhy: 'saved lsscsi output: its name gives an option other than the listing options read (-g, -i, -t, -s, -d, -H)',
};

export const source: Source = {
  name: 'scsi',
  description: 'SCSI hosts with their drivers\' cached firmware, BIOS and board attributes, SCSI devices (INQUIRY, VPD 0x80/0x83, queue and power settings), SAS expanders, phys and devices, Fibre Channel hosts',
  collect(ctx) {
    const hosts = list(ctx, SCSI_HOSTS);
    const devices = list(ctx, SCSI_DEVICES).filter((d) => HCTL.test(d));
    const fc = list(ctx, FC_HOSTS);
    const sas = SAS_CLASSES.map(([dir, names]) => [dir, names, list(ctx, dir)] as const);
    const saved = ctx.replay ? [SAVED_SG_INQ, SAVED_SG_VPD, SAVED_SDPARM, SAVED_LSSCSI].reduce((n, r) => n + replaySavedOutputs(ctx, r), 0) : 0;
    if (hosts.length === 0 && devices.length === 0 && fc.length === 0 && sas.every(([, , l]) => l.length === 0) && saved === 0) ctx.skip('no SCSI hosts or devices on this host');
    for (const host of hosts) collectHost(ctx, host);
    for (const hctl of devices) collectScsiDevice(ctx, hctl);
    for (const host of fc) {
      ctx.device('fc_host', host);
      collectDevice(ctx, `${FC_HOSTS}/${host}`, FC_HOST_ATTRIBUTES);
    }
    for (const [dir, names, entries] of sas) {
      for (const e of entries) {
        if (dir.endsWith('sas_expander')) ctx.device('sas_expander', e);
        collectDevice(ctx, `${dir}/${e}`, names);
      }
    }
  },
};
