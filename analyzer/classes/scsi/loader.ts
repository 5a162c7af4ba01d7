import { DIR_LINK_NAME } from '../../../bundle/format.js';
import { attributesIn, instances, lastBdf } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { hostVersions, symbolicNameFirmware } from './host-values.js';
import { logicalUnitName, parseVpdDesignators, parseVpdSerial, type Designator } from './vpd.js';
import { inquiryFirmware, spreadAtaModel } from '../core/inquiry-model.js';

const HOSTS = 'sys/class/scsi_host';
const DEVICES = 'sys/bus/scsi/devices';
const FC_HOSTS = 'sys/class/fc_host';
const EXPANDERS = 'sys/class/sas_expander';
const PHYS = 'sys/class/sas_phy';
/** A SCSI device under a libata port: the ata class already describes it (block and ata rows). */
const LIBATA = /\/ata\d+\/host\d+\//;
const LIBATA_HOST = /\/ata\d+\/host\d+\/scsi_host\//;
const BINARY = new Set(['inquiry', 'vpd_pg0', 'vpd_pg80', 'vpd_pg83', 'vpd_pg89', 'vpd_pgb0', 'vpd_pgb1', 'vpd_pgb2']);
/** Host attributes that identify an adapter or count events, recorded as `scsi_host` settings. */
const HOST_SETTINGS = new Set([
  'proc_name', 'board_name', 'board_assembly', 'version_product', 'version_mpi', 'model', 'model_name', 'model_desc', 'modelname', 'modeldesc',
  'isp_name', 'vendor', 'driver_version', 'lpfc_drvr_version', 'ioc_reset_count', 'total_isp_aborts', 'fw_dump_size', 'lockup_detected',
  'fw_crash_buffer_size', 'hardware_version', 'transport_mode', 'fw_queue_depth', 'can_queue', 'host_busy', 'state', 'active_mode',
  'link_power_management_policy', 'port_speed', 'fw_attr', 'hdw', 'programtype', 'optrom_efi_version', 'optrom_fcode_version',
  'optrom_gold_fw_version', 'serdes_version', 'mpi_version', 'phy_version', 'pep_version', 'hba_monitor_version', 'flags',
]);

const textOf = (ctx: LoadContext, name: string): string | undefined => ctx.text(name)?.trim() || undefined;

/** Keys declared as integers: the number the attribute prints (hpsa lockup_detected prints `ld=<n>`), else the text as read. */
const INTEGER_KEYS = new Set(['ioc_reset_count', 'total_isp_aborts', 'fw_dump_size', 'lockup_detected', 'type', 'queue_depth', 'timeout']);
function typed(key: string, text: string): string | number {
  if (!INTEGER_KEYS.has(key)) return text;
  const m = /^(?:ld=)?(-?\d+|0x[0-9a-f]+)$/i.exec(text);
  return m ? Number(m[1]) : text;
}

function loadHost(ctx: LoadContext, host: string, referenced: ReadonlySet<string>): void {
  const dir = `${HOSTS}/${host}`;
  const value = (a: string): string | undefined => textOf(ctx, `${dir}/${a}`);
  const driver = value('proc_name');
  const v = hostVersions(driver, value);
  const target = ctx.text(`${dir}/${DIR_LINK_NAME}`);
  // A libata port (ahci…) is the ata class's; it becomes a row only when it reports a version or something here hangs off it.
  if (LIBATA_HOST.test(target ?? '') && !v.firmware && !v.bios && !referenced.has(host)) return;
  const key = `scsi_host:${host}`;
  const bdf = lastBdf(target);
  const model = value('board_name') ?? value('model_name') ?? value('modelname') ?? value('model') ?? value('version_product') ?? null;
  const serial = value('serial_num') ?? value('serialnum') ?? value('serial_number') ?? value('board_tracer') ?? null;
  ctx.sink.device({ key, class: 'scsi_host', pciAddress: bdf, parentKey: bdf, driver: driver ?? null, model, serial });
  const row = (component: string, state: 'running' | 'stored', x: { attribute: string; version: string } | undefined): void => {
    if (x) ctx.sink.firmware({ deviceKey: key, component, version: x.version, state, artifact: `${dir}/${x.attribute}` });
  };
  row('firmware', 'running', v.firmware);
  row('bios', 'running', v.bios);
  row('firmware', 'stored', v.stored);
  row('nvdata', 'running', v.nvdata);
  if (v.sli) ctx.sink.setting({ deviceKey: key, namespace: 'scsi_host', key: 'sli', value: v.sli, mode: 'current', artifact: `${dir}/fwrev` });
  for (const a of attributesIn(ctx, dir)) {
    if (!HOST_SETTINGS.has(a)) continue;
    const x = value(a);
    if (x !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'scsi_host', key: a, value: typed(a, x), mode: 'current', artifact: `${dir}/${a}` });
  }
}

interface Vpd {
  serial?: string;
  designators?: Designator[];
}

function readVpd(ctx: LoadContext, dir: string): Vpd {
  const serial = ctx.get(`${dir}/vpd_pg80`) ? ctx.parse(`${dir}/vpd_pg80`, 'vpd-0x80', parseVpdSerial) : undefined;
  const designators = ctx.get(`${dir}/vpd_pg83`) ? ctx.parse(`${dir}/vpd_pg83`, 'vpd-0x83', parseVpdDesignators) : undefined;
  return { serial: serial || undefined, designators };
}

function vpdSettings(ctx: LoadContext, key: string, dir: string, vpd: Vpd): void {
  if (vpd.serial) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'serial', value: vpd.serial, mode: 'current', artifact: `${dir}/vpd_pg80` });
  if (!vpd.designators) return;
  const lu = logicalUnitName(vpd.designators);
  if (lu) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'lu_name', value: lu, mode: 'current', artifact: `${dir}/vpd_pg83` });
  const seen = new Set<string>();
  for (const d of vpd.designators) {
    const k = `designator.${d.association}.${d.typeName}`;
    if (seen.has(k)) continue;
    seen.add(k);
    ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: k, value: d.value, mode: 'current', artifact: `${dir}/vpd_pg83` });
  }
}

function loadScsiDevice(ctx: LoadContext, hctl: string, target: string | undefined): void {
  const dir = `${DEVICES}/${hctl}`;
  const key = `scsi:${hctl}`;
  const host = `host${hctl.split(':')[0]}`;
  const value = (a: string): string | undefined => textOf(ctx, `${dir}/${a}`);
  const vpd = readVpd(ctx, dir);
  const wwn = vpd.designators ? logicalUnitName(vpd.designators) : undefined;
  ctx.sink.device({
    key, class: 'scsi', pciAddress: lastBdf(target), parentKey: `scsi_host:${host}`, model: spreadAtaModel(value('vendor'), value('model')) ?? value('model') ?? null, serial: vpd.serial ?? null,
    ...(vpd.serial ? { drive: { bus: 'SCSI', serial: vpd.serial, ...(wwn ? { wwn } : {}), named: 'kernel' } } : {}),
  });
  const rev = value('rev');
  if (rev) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: inquiryFirmware(value('vendor'), rev), state: 'running', scheme: 'plain', artifact: `${dir}/rev` });
  vpdSettings(ctx, key, dir, vpd);
  for (const a of attributesIn(ctx, dir)) {
    if (BINARY.has(a) || a === DIR_LINK_NAME || a === 'model' || a === 'rev') continue;
    const x = ctx.text(`${dir}/${a}`);
    if (x !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: a, value: typed(a, x.trim()), mode: 'current', artifact: `${dir}/${a}` });
  }
  for (const a of attributesIn(ctx, `${dir}/power`)) {
    const x = ctx.text(`${dir}/power/${a}`);
    if (x !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: `power/${a}`, value: x.trim(), mode: 'current', artifact: `${dir}/power/${a}` });
  }
}

/** Settings from every attribute of a transport class device, in namespace `ns`. */
function transportSettings(ctx: LoadContext, key: string, dir: string, ns: string): void {
  for (const a of attributesIn(ctx, dir)) {
    if (a === DIR_LINK_NAME) continue;
    const x = ctx.text(`${dir}/${a}`);
    if (x !== undefined) ctx.sink.setting({ deviceKey: key, namespace: ns, key: a, value: x.trim(), mode: 'current', artifact: `${dir}/${a}` });
  }
}

function loadExpander(ctx: LoadContext, name: string): void {
  const dir = `${EXPANDERS}/${name}`;
  const key = `sas_expander:${name}`;
  const host = /^expander-(\d+):/.exec(name)?.[1];
  ctx.sink.device({
    key, class: 'sas_expander', pciAddress: lastBdf(ctx.text(`${dir}/${DIR_LINK_NAME}`)), parentKey: host ? `scsi_host:host${host}` : null,
    model: textOf(ctx, `${dir}/product_id`) ?? null,
  });
  const rev = textOf(ctx, `${dir}/product_rev`);
  if (rev) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: rev, state: 'running', scheme: 'plain', artifact: `${dir}/product_rev` });
  transportSettings(ctx, key, dir, 'sas');
}

function loadPhy(ctx: LoadContext, name: string): void {
  const dir = `${PHYS}/${name}`;
  const key = `sas_phy:${name}`;
  const host = /^phy-(\d+):/.exec(name)?.[1];
  ctx.sink.device({ key, class: 'sas_phy', pciAddress: lastBdf(ctx.text(`${dir}/${DIR_LINK_NAME}`)), parentKey: host ? `scsi_host:host${host}` : null });
  transportSettings(ctx, key, dir, 'sas');
}

function loadFcHost(ctx: LoadContext, host: string): void {
  const dir = `${FC_HOSTS}/${host}`;
  const key = `fc_host:${host}`;
  ctx.sink.device({
    key, class: 'fc_host', pciAddress: lastBdf(ctx.text(`${dir}/${DIR_LINK_NAME}`)), parentKey: `scsi_host:${host}`,
    model: textOf(ctx, `${dir}/model`) ?? null, serial: textOf(ctx, `${dir}/serial_number`) ?? null,
  });
  const fw = textOf(ctx, `${dir}/firmware_version`);
  const symbolic = textOf(ctx, `${dir}/symbolic_name`);
  const fromName = symbolic ? symbolicNameFirmware(symbolic) : undefined;
  if (fw) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: fw, state: 'running', artifact: `${dir}/firmware_version` });
  else if (fromName) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: fromName, state: 'running', artifact: `${dir}/symbolic_name` });
  transportSettings(ctx, key, dir, 'fc');
}

/** SCSI hosts, SCSI devices (not those behind libata ports), SAS expanders and phys, Fibre Channel hosts. */
export const scsiLoader: ClassLoader = {
  name: 'scsi',
  load(ctx) {
    const devices = instances(ctx, /^sys\/bus\/scsi\/devices\/(\d+:\d+:\d+:\d+)\//)
      .map((hctl) => ({ hctl, target: ctx.text(`${DEVICES}/${hctl}/${DIR_LINK_NAME}`) }))
      .filter((d) => !LIBATA.test(d.target ?? ''));
    const fc = instances(ctx, /^sys\/class\/fc_host\/([^/]+)\//);
    const expanders = instances(ctx, /^sys\/class\/sas_expander\/([^/]+)\//);
    const phys = instances(ctx, /^sys\/class\/sas_phy\/([^/]+)\//);
    const referenced = new Set<string>([
      ...devices.map((d) => `host${d.hctl.split(':')[0]}`),
      ...fc,
      ...[...expanders, ...phys].map((n) => `host${/^\w+-(\d+):/.exec(n)?.[1]}`),
    ]);
    for (const host of instances(ctx, /^sys\/class\/scsi_host\/([^/]+)\//)) loadHost(ctx, host, referenced);
    for (const d of devices) loadScsiDevice(ctx, d.hctl, d.target);
    for (const e of expanders) loadExpander(ctx, e);
    for (const p of phys) loadPhy(ctx, p);
    for (const h of fc) loadFcHost(ctx, h);
  },
};
