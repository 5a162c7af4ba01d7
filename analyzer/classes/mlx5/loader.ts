import type { FactSink, SettingMode } from '../../db/rows.js';
import { DEFAULT_HCA_ADB, loadAdb, type AdbDb } from './adb.js';
import { decodeRegister } from './register-decode.js';
import { parseMlx5Answer, parseMlx5InfoData, parseFwctlInfo, parseMnvda } from './fwctl.js';
import { parseMstconfigQuery, type MlxColumn, type MlxDevice } from './mstconfig.js';
import { parseMstflintQuery, type FlintQuery } from './mstflint-query.js';
import { settingValue } from './value.js';
import { BDF, lastBdf } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

/** Settings namespace of the NV configuration as mlxconfig prints it (keys are the printed names). */
export const MLXCONFIG_NAMESPACE = 'mlxconfig';
/** Register space holding the raw dwords of a capability TLV read through MNVDA: `mnvda:<tlv name>`. */
export const MNVDA_SPACE_PREFIX = 'mnvda:';

const COLUMN_MODE: Partial<Record<MlxColumn, SettingMode>> = { default: 'default', current: 'current', next_boot: 'next_boot' };

/** A device argument as the mst tools take it (`3b:00.0`, `0000:3b:00.0`) → the PCI device key. */
function bdfOf(dev: string | undefined): string | undefined {
  if (!dev) return undefined;
  const full = /^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(dev) ? `0000:${dev}` : dev;
  return BDF.test(full.toLowerCase()) ? full.toLowerCase() : undefined;
}

function argvDevice(ctx: LoadContext, name: string): string | undefined {
  const origin = ctx.record(name)?.origin;
  if (origin?.kind !== 'cmd') return undefined;
  const i = origin.argv.indexOf('-d');
  return i < 0 ? undefined : origin.argv[i + 1];
}

function pciDevice(sink: FactSink, key: string): void {
  sink.device({ key, class: 'pci', pciAddress: key });
}

function loadMstconfig(ctx: LoadContext): void {
  for (const name of ctx.names(/^cmd\/mstconfig\/.*\.out$/)) {
    const q = ctx.parse(name, 'mstconfig', (d) => parseMstconfigQuery(d.toString('utf8')));
    if (!q) continue;
    const given = argvDevice(ctx, name);
    for (const dev of q.devices) {
      const key = bdfOf(q.devices.length === 1 ? (given ?? dev.device) : dev.device);
      if (!key) {
        ctx.sink.issue('NO-DEVICE', `${name}: device #${dev.index} (${dev.device ?? 'unnamed'}) is not a PCI address`, name);
        continue;
      }
      loadNvDevice(ctx.sink, key, dev, name);
    }
  }
}

function loadNvDevice(sink: FactSink, key: string, dev: MlxDevice, artifact: string): void {
  pciDevice(sink, key);
  if (dev.deviceType) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'device_type', value: dev.deviceType, mode: 'current', artifact });
  if (dev.name) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'part_number', value: dev.name, mode: 'current', artifact });
  for (const e of dev.errors) sink.issue('MSTCONFIG', `${key}: ${e}`, artifact);
  for (const p of dev.params) {
    for (const [col, v] of Object.entries(p.values) as [MlxColumn, NonNullable<(typeof p.values)[MlxColumn]>][]) {
      const mode = COLUMN_MODE[col];
      if (!mode || v.array) continue;
      if (p.partial && v.number === undefined) continue;
      sink.setting({ deviceKey: key, namespace: MLXCONFIG_NAMESPACE, key: p.name, value: settingValue(v), mode, artifact });
    }
  }
}

const romComponent = (type: string): string => `rom.${type.toLowerCase().replace(/\s+/g, '_')}`;

function loadFlint(sink: FactSink, key: string, q: FlintQuery, artifact: string): void {
  pciDevice(sink, key);
  if (q.fwVersion) {
    sink.firmware({ deviceKey: key, component: 'firmware', version: q.fwVersion, state: 'stored', scheme: 'mlx5', artifact });
    sink.firmware({ deviceKey: key, component: 'firmware', version: q.fwVersionRunning ?? q.fwVersion, state: 'running', scheme: 'mlx5', artifact });
  }
  if (q.psid) sink.firmware({ deviceKey: key, component: 'psid', version: q.psid, state: 'fixed', scheme: 'plain', artifact });
  for (const r of q.roms) sink.firmware({ deviceKey: key, component: romComponent(r.type), version: r.version, state: 'stored', scheme: 'dotted', artifact });
  if (q.productVersion) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'product_version', value: q.productVersion, mode: 'current', artifact });
  if (q.securityAttributes) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'security_attributes', value: q.securityAttributes, mode: 'current', artifact });
}

/** PCI functions with an mstflint query; MGIR firmware rows are only added for the others. */
function loadMstflint(ctx: LoadContext): Set<string> {
  const done = new Set<string>();
  for (const name of ctx.names(/^cmd\/mstflint\/.*\.out$/)) {
    const key = bdfOf(argvDevice(ctx, name));
    if (!key) continue;
    const q = ctx.parse(name, 'mstflint-query', (d) => parseMstflintQuery(d.toString('utf8')));
    if (!q) continue;
    loadFlint(ctx.sink, key, q, name);
    done.add(key);
  }
  return done;
}

let adbCache: AdbDb | null | undefined;
function hcaAdb(ctx: LoadContext): AdbDb | undefined {
  if (adbCache === undefined) {
    try {
      adbCache = loadAdb(DEFAULT_HCA_ADB);
    } catch (e) {
      adbCache = null;
      ctx.sink.issue('NO-ADB', `register layouts unavailable (${(e as Error).message}); install mstflint to decode fwctl register reads`);
    }
  }
  return adbCache ?? undefined;
}

function loadMgir(ctx: LoadContext, key: string, name: string, flinted: ReadonlySet<string>): void {
  const ans = ctx.parse(name, 'fwctl', parseMlx5Answer);
  if (!ans) return;
  if (ans.status !== 0) {
    ctx.sink.issue('FW-STATUS', `${name}: firmware answered status 0x${ans.status.toString(16)} syndrome 0x${ans.syndrome.toString(16)}`, name);
    return;
  }
  const adb = hcaAdb(ctx);
  if (!adb) return;
  const fields = ctx.parse(name, 'adb:MGIR', (d) => decodeRegister(adb, 'MGIR', d.subarray(16)));
  for (const f of fields ?? []) ctx.sink.registerField({ deviceKey: key, register: 'MGIR', field: f.path, value: f.value, note: f.note ?? null, artifact: name });
  const get = (p: string): unknown => fields?.find((f) => f.path === p)?.value;
  const [maj, min, sub, psid] = [get('fw_info.extended_major'), get('fw_info.extended_minor'), get('fw_info.extended_sub_minor'), get('fw_info.psid')];
  if (flinted.has(key)) return;
  if (typeof maj === 'number' && typeof min === 'number' && typeof sub === 'number' && maj > 0) {
    ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: `${maj}.${min}.${String(sub).padStart(4, '0')}`, state: 'running', scheme: 'mlx5', artifact: name });
  }
  if (typeof psid === 'string' && psid !== '') ctx.sink.firmware({ deviceKey: key, component: 'psid', version: psid, state: 'fixed', scheme: 'plain', artifact: name });
}

function loadMnvda(ctx: LoadContext, key: string, name: string, tlv: string): void {
  const ans = ctx.parse(name, 'fwctl', parseMlx5Answer);
  if (!ans || ans.status !== 0) return; // the firmware does not know this TLV: nothing to record
  const item = ctx.parse(name, 'fwctl-mnvda', (d) => parseMnvda(d.subarray(16)));
  if (!item) return;
  for (let off = 0; off + 4 <= item.data.length; off += 4) {
    ctx.sink.register({ deviceKey: key, space: `${MNVDA_SPACE_PREFIX}${tlv}`, offset: off, value: item.data.readUInt32BE(off), artifact: name });
  }
}

function loadFwctl(ctx: LoadContext, flinted: ReadonlySet<string>): void {
  const names = new Set(ctx.names(/^ioctl\/fwctl\/[^/]+\/info\.bin$/).map((n) => n.split('/')[2]!));
  for (const dev of [...names].sort()) {
    const dir = `ioctl/fwctl/${dev}`;
    const bdf = lastBdf(ctx.text(`sys/class/fwctl/${dev}/device`) ?? ctx.text(`sys/class/fwctl/${dev}/.link`));
    const info = ctx.parse(`${dir}/info.bin`, 'fwctl', parseFwctlInfo);
    const key = `fwctl:${dev}`;
    ctx.sink.device({ key, class: 'fwctl', pciAddress: bdf, parentKey: bdf, driver: info?.deviceTypeName ?? null });
    if (info) ctx.sink.setting({ deviceKey: key, namespace: 'fwctl', key: 'device_type', value: info.deviceTypeName ?? info.deviceType, mode: 'current', artifact: `${dir}/info.bin` });
    if (info?.deviceType !== 1) continue;
    if (ctx.get(`${dir}/info-data.bin`)) {
      const d = ctx.parse(`${dir}/info-data.bin`, 'fwctl', parseMlx5InfoData);
      if (d) ctx.sink.setting({ deviceKey: key, namespace: 'fwctl', key: 'uctx_caps', value: d.uctxCaps, mode: 'current', artifact: `${dir}/info-data.bin` });
    }
    if (!bdf) {
      ctx.sink.issue('NO-DEVICE', `fwctl device ${dev} has no PCI function link; register reads not attributed`, `${dir}/info.bin`);
      continue;
    }
    if (ctx.get(`${dir}/access-reg-mgir.bin`)) loadMgir(ctx, bdf, `${dir}/access-reg-mgir.bin`, flinted);
    for (const n of ctx.names(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/mnvda-[^/]+\\.bin$`))) {
      loadMnvda(ctx, bdf, n, n.slice(`${dir}/mnvda-`.length, -'.bin'.length));
    }
  }
}

/** NVIDIA/Mellanox: mstconfig NV configuration, mstflint firmware query, fwctl register reads. */
export const mlxLoader: ClassLoader = {
  name: 'mlx',
  load(ctx) {
    loadMstconfig(ctx);
    const flinted = loadMstflint(ctx);
    loadFwctl(ctx, flinted);
  },
};
