import type { FactSink, SettingMode } from '../../db/rows.js';
import { HCA_ADB, parseAdb, type AdbDb } from './adb.js';
import { MLXCONFIG_DB } from './config-db.js';
import { resolveVendorFile } from '../../vendor-data/vendor-data.js';
import { decodeRegister } from './register-decode.js';
import { parseMlx5Answer, parseMlx5InfoData, parseFwctlInfo, parseMnvda } from './fwctl.js';
import { parseMstconfigQuery, type MlxColumn, type MlxDevice } from './mstconfig.js';
import { isConfigReset, parseConfigReset } from './mstconfig-reset.js';
import { isShowConfs, parseShowConfs } from './show-confs.js';
import { isPlaceholderDevice } from './placeholder.js';
import { decodeWhole } from '../../parsers/whole-decoding.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { parseMstflintRuns, type FlintQuery } from './mstflint-query.js';
import { loadFwManager, onlyCard, unnamedCardKey, type KnownDevice } from './fwmanager-loader.js';
import { loadFwReset } from './fwreset-loader.js';
import { loadRomRemoval } from './rom-removal-loader.js';
import { loadMlxlink } from './link-loader.js';
import { IB_SWITCH_CLASS, inBandKey, isInBandKey } from './in-band.js';
import { familyOfMstName } from './device-names.js';
import { nodeFamilyConflicts } from './node-family.js';
import { settingValue } from './value.js';
import { FWMANAGER_UPDATE_IMAGE_NAMESPACE, MLXCONFIG_LABEL_NAMESPACE, MLXCONFIG_NAMESPACE, MLXCONFIG_NEW_NAMESPACE, MNVDA_SPACE_PREFIX } from './names.js';
import { BDF, lastBdf } from '../../load/loader-util.js';
import { namesNothing } from '../../version/sentinels.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { mstText } from './mst-text.js';
import { mstListings, mstNodeName, mstPlaces } from './mst-places.js';
import { storeMstStatus } from './mst-status-loader.js';

const COLUMN_MODE: Partial<Record<MlxColumn, SettingMode>> = { default: 'default', current: 'current', next_boot: 'next_boot' };

/** mstflint/flint and mstconfig/mlxconfig are the same tools under their open-source and MFT names. */
const FLINT_OUTPUTS = /^cmd\/(?:mstflint|flint)\/.*\.out$/;
const MSTCONFIG_OUTPUTS = /^cmd\/(?:mstconfig|mlxconfig)\/.*\.out$/;

/**
 * A device argument as people give it to the mst tools → the PCI function key: `3b:00.0`, `0000:3b:00.0`,
 * a sysfs path holding the address (`/sys/bus/pci/devices/0000:3b:00.0/config`), /proc/bus/pci's file of the
 * function (`/proc/bus/pci/07/00.0`), FreeBSD `pci0:59:0:0`.
 */
export function bdfOf(dev: string | undefined): string | undefined {
  if (!dev) return undefined;
  const bsd = /^pci(\d+):(\d+):(\d+):(\d+)$/.exec(dev);
  if (bsd) {
    const [d, b, s, f] = bsd.slice(1).map(Number) as [number, number, number, number];
    return `${d.toString(16).padStart(4, '0')}:${b.toString(16).padStart(2, '0')}:${s.toString(16).padStart(2, '0')}.${f}`;
  }
  // /proc/bus/pci's file of the function: `/proc/bus/pci/07/00.0`, `/proc/bus/pci/0001:07/00.0` (another domain).
  const proc = /^\/proc\/bus\/pci\/(?:([0-9a-f]{4}):)?([0-9a-f]{2})\/([0-9a-f]{2})\.([0-7])$/.exec(dev.toLowerCase());
  if (proc) return `${proc[1] ?? '0000'}:${proc[2]}:${proc[3]}.${proc[4]}`;
  const found = [...dev.toLowerCase().matchAll(/(?:^|[^0-9a-f:])((?:[0-9a-f]{4,}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])(?![0-9a-f])/g)].at(-1)?.[1];
  if (!found) return undefined;
  const full = found.split(':').length === 2 ? `0000:${found}` : found;
  return BDF.test(full) ? full : undefined;
}

/** The PCI function behind a name that is not an address (`mlx5_0`, `/dev/mst/mt4119_pciconf0`), from the bundle's sysfs. */
function namedBdf(ctx: LoadContext, dev: string): string | undefined {
  const ib = /^(?:\/sys\/class\/infiniband\/)?(mlx\d+_\d+)$/.exec(dev)?.[1];
  if (!ib) return undefined;
  return lastBdf(ctx.text(`sys/class/infiniband/${ib}/device`) ?? ctx.text(`sys/class/infiniband/${ib}/device/.link`)) ?? undefined;
}

/**
 * The device key of a query: its PCI function when anything says which (its address, the bundle's sysfs, a saved or pasted
 * `mst status`), else `mst:<name as given>` (an mst node by its name, without /dev/mst/: `/dev/mst/mt4119_pciconf0` and
 * `mt4119_pciconf0`, a saved file's name or a Windows host's, are one node, which the tools take either way).
 */
export function deviceKey(ctx: LoadContext, ...given: (string | undefined)[]): string | undefined {
  const names = given.filter((n) => n === undefined || !isPlaceholderDevice(n));
  for (const n of names) {
    const k = bdfOf(n) ?? (n ? namedBdf(ctx, n) ?? mstPlaces(ctx).get(mstNodeName(n)) : undefined);
    if (k) return k;
  }
  const named = names.find((n) => n !== undefined && n !== '' && n !== 'N/A');
  return named === undefined ? undefined : `mst:${mstNodeName(named)}`;
}

export function argvDevice(ctx: LoadContext, name: string): string | undefined {
  const origin = ctx.record(name)?.origin;
  if (origin?.kind !== 'cmd') return undefined;
  const i = origin.argv.findIndex((a) => a === '-d' || a === '--dev' || a === '--device');
  return i < 0 ? undefined : origin.argv[i + 1];
}

const MST_COMMAND = /(?:^|[\s/\\#$>"'])(?:mstflint|flint|flint_ext|mstconfig|mlxconfig|mlxfwmanager|mstfwmanager|mlxup)(?:\.exe|\.bat)?\s(?:.*\s)?(?:-d|--dev|--device)\s+(\S+)/;

/**
 * The `-d` of the mst tool command line pasted above an output (`root@host:~# flint -d 3b:00.0 q`), for a saved name
 * without one: the command the text layer finds above the output's lines, however much is written above it (a
 * forwarded mail's headers), else one of the file's first lines (a firmware manager's prompt the text layer does not know).
 */
export function pastedCommandDevice(data: Buffer | undefined, tools = MST_COMMAND): string | undefined {
  if (!data) return undefined;
  const text = data.toString('utf8');
  const commands = new Set(mstText(text).lines.map((l) => l.command).filter((c) => c !== undefined));
  // Markdown's marks a writer put in the command (`-d **0000:0d:00.0**`, `` -d 0000:0d:`00.0` ``) are not the device's.
  const device = (line: string): string | undefined => {
    const m = tools.exec(line.replace(/\*\*|`/g, ''));
    return m && !isPlaceholderDevice(m[1]!) ? m[1] : undefined;
  };
  for (const c of commands) {
    const d = device(c);
    if (d !== undefined) return d;
  }
  // The first lines as written, undone of what a page or a log did to them (`-d &lt;MST_DEVICE_NAME&gt;` is the placeholder).
  for (const l of decodeWhole(text.slice(0, 2048), false).text.split('\n').slice(0, 4)) {
    const d = device(l);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Each line a parser could not read, with its line number, as an issue of the artifact. */
export function lineIssues(ctx: LoadContext, name: string, issues: readonly LineIssue[]): void {
  for (const i of issues) ctx.sink.issue('UNKNOWN-LINE', `${name}:${i.line}: ${i.message}: ${JSON.stringify(i.text.trim())}`, name);
}

export function pciDevice(sink: FactSink, key: string): void {
  sink.device({ key, class: 'pci', pciAddress: BDF.test(key) ? key : null });
}

/**
 * `mlxconfig -d <dev> i` (show_confs) lists the parameters a device may support, with descriptions: no value of the
 * device's, so nothing is stored as its configuration; one LISTING issue says what it is and how many it names.
 */
function loadShowConfs(ctx: LoadContext, name: string): boolean {
  const argv = ctx.record(name)?.origin;
  const listed = argv?.kind === 'cmd' && argv.argv.some((a) => a === 'i' || a === 'show_confs');
  const data = ctx.get(name);
  if (!listed && !(data && isShowConfs(data.toString('utf8')))) return false;
  const l = ctx.parse(name, 'mlxconfig-show-confs', (d) => parseShowConfs(d.toString('utf8')));
  if (!l) return true;
  lineIssues(ctx, name, l.issues);
  const key = deviceKey(ctx, argvDevice(ctx, name) ?? pastedCommandDevice(data) ?? l.device);
  for (const e of l.errors) ctx.sink.issue('MSTCONFIG', `${key ?? name}: ${e}`, name);
  if (l.params.length) ctx.sink.issue('LISTING', `${name}: a parameter listing (mlxconfig i) of ${l.params.length} parameters ${key ?? 'the device'} may support, with no value of the device's: not its configuration`, name);
  return true;
}

/**
 * The device of a query whose command (`-d 03:00.0`) and printed `Device:` line (`48:00.0`) may name it: the printed
 * one when the two are different PCI functions (the output names the device it ran on; a command copied from
 * elsewhere does not), and a DEVICE-CONFLICT issue names both.
 */
function typedOrPrinted(ctx: LoadContext, name: string, typed: string | undefined, printed: string | undefined): string | undefined {
  const [t, p] = [bdfOf(typed), bdfOf(printed)];
  if (t === undefined || p === undefined || t === p) return deviceKey(ctx, typed, printed);
  ctx.sink.issue('DEVICE-CONFLICT', `${name}: the command names ${typed}, the output's Device: line ${printed}; read as ${p}, the device the output says it ran on`, name);
  return p;
}

/** A saved `mlxconfig reset`: whether the device's NV configuration goes back to its defaults at the next boot (`config_reset`). */
function loadConfigReset(ctx: LoadContext, name: string): boolean {
  const data = ctx.get(name);
  if (!(data && isConfigReset(data.toString('utf8')))) return false;
  const r = ctx.parse(name, 'mlxconfig-reset', (d) => parseConfigReset(d.toString('utf8')));
  if (!r) return true;
  lineIssues(ctx, name, r.issues);
  const key = deviceKey(ctx, argvDevice(ctx, name) ?? r.device);
  for (const e of r.errors) ctx.sink.issue('MSTCONFIG', `${key ?? name}: ${e}`, name);
  if (!key) {
    ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
    return true;
  }
  pciDevice(ctx.sink, key);
  ctx.sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'config_reset', value: r.outcome, mode: 'current', artifact: name });
  return true;
}

function loadMstconfig(ctx: LoadContext, known: readonly KnownDevice[]): void {
  for (const name of ctx.names(MSTCONFIG_OUTPUTS)) {
    if (loadShowConfs(ctx, name) || loadConfigReset(ctx, name)) continue;
    const q = ctx.parse(name, 'mstconfig', (d) => parseMstconfigQuery(d.toString('utf8')));
    if (!q) continue;
    lineIssues(ctx, name, q.issues);
    const given = argvDevice(ctx, name);
    // Commands for several devices pasted into one file: each device's own command names it, not the saved name.
    const several = new Set(q.devices.map((d) => d.commandDevice).filter((d) => d !== undefined)).size > 1;
    for (const dev of q.devices) {
      const own = several ? dev.commandDevice : undefined;
      const named = q.devices.length === 1 || !dev.device ? typedOrPrinted(ctx, name, own ?? given ?? pastedCommandDevice(ctx.get(name)), dev.device) : deviceKey(ctx, dev.device);
      // A query that names no device prints nothing of its card's own either (no address, GUID or PSID): it is the
      // bundle's only ConnectX card of its device type, when the bundle shows one.
      const only = named === undefined && q.devices.length === 1 ? onlyCard(ctx, known, dev.deviceType) : undefined;
      const key = named ?? (only && 'key' in only ? only.key : undefined);
      if (!key) {
        ctx.sink.issue('NO-DEVICE', `${name}: device #${dev.index} is not named, neither in the output nor in the command, and it prints no address, GUID or PSID of its card${only && 'why' in only ? `; ${only.why}` : ''}`, name);
        for (const e of dev.errors) ctx.sink.issue('MSTCONFIG', `${name}: device #${dev.index}: ${e}`, name);
        continue;
      }
      loadNvDevice(ctx.sink, key, dev, name);
    }
  }
}

function loadNvDevice(sink: FactSink, key: string, dev: MlxDevice, artifact: string): void {
  pciDevice(sink, key);
  if (dev.deviceType) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'device_type', value: dev.deviceType, mode: 'current', artifact });
  // `Name: N/A`, `Description: N/A`: the tool read none (an OEM or older card), which is nothing to group devices by;
  // `Name: REDACTED` is the person who pasted it cutting the value out, which names nothing either.
  if (dev.name && !namesNothing(dev.name)) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'part_number', value: dev.name, mode: 'current', artifact });
  if (dev.description && !namesNothing(dev.description)) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: 'description', value: dev.description, mode: 'current', artifact });
  for (const e of dev.errors) sink.issue('MSTCONFIG', `${key}: ${e}`, artifact);
  for (const p of dev.params) {
    for (const [col, v] of Object.entries(p.values) as [MlxColumn, NonNullable<(typeof p.values)[MlxColumn]>][]) {
      const mode = COLUMN_MODE[col] ?? 'next_boot';
      if (v.array) continue;
      if (p.partial && v.number === undefined) continue;
      const namespace = col === 'new' ? MLXCONFIG_NEW_NAMESPACE : MLXCONFIG_NAMESPACE;
      sink.setting({ deviceKey: key, namespace, key: p.name, value: settingValue(v), mode, artifact });
      if (col !== 'new' && v.label !== undefined && v.number !== undefined) {
        sink.setting({ deviceKey: key, namespace: MLXCONFIG_LABEL_NAMESPACE, key: p.name, value: v.label, mode, artifact });
      }
    }
  }
}

/**
 * An expansion ROM's firmware component, `rom.<type>` in the declared spelling (lower case, words joined by `_`): a
 * type a damaged or spliced line leaves long or full of other characters stays a name of that spelling, cut short.
 */
export const romComponent = (type: string): string =>
  `rom.${type.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32).replace(/_+$/, '') || 'unknown'}`;
/** A burned component's firmware row: `COMPID_CLOCK_SYNC_EEPROM` → `component.clock_sync_eeprom`. */
const burnComponent = (id: string): string => `component.${id.replace(/^COMPID_/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;

function loadFlint(sink: FactSink, key: string, q: FlintQuery, artifact: string, typed?: string): void {
  // A switch's or adapter's mst node (`SW_MT52000_SwitchIB_…_lid-0x0005`) names its ASIC, which its key (the LID) no longer shows.
  if (isInBandKey(key)) sink.device({ key, class: key.slice(0, key.indexOf(':')), model: (typed && familyOfMstName(typed)) || null });
  else pciDevice(sink, key);
  if (q.fwVersion) sink.firmware({ deviceKey: key, component: 'firmware', version: q.fwVersion, state: 'stored', scheme: 'mlx5', artifact });
  const running = q.fwVersionRunning ?? (q.nextBootOnly ? undefined : q.fwVersion);
  if (running) sink.firmware({ deviceKey: key, component: 'firmware', version: running, state: 'running', scheme: 'mlx5', artifact });
  if (q.psid) sink.firmware({ deviceKey: key, component: 'psid', version: q.psid, state: 'fixed', scheme: 'plain', artifact });
  for (const r of q.roms) sink.firmware({ deviceKey: key, component: romComponent(r.type), version: r.version, state: 'stored', scheme: 'dotted', artifact });
  // A burn of another component: the version its flash holds after the burn (the image's when it was done).
  const component = q.burn?.component;
  if (component !== undefined) {
    const held = q.burn!.outcome === 'done' ? q.burn!.image : q.burn!.before;
    if (held) sink.firmware({ deviceKey: key, component: burnComponent(component), version: held, state: 'stored', scheme: 'dotted', artifact });
  }
  // A burn's `New FW version`: the image it was given, on the flash only when the burn was done.
  if (q.burn?.image && component === undefined && !key.startsWith(`${IB_SWITCH_CLASS}:`)) sink.setting({ deviceKey: key, namespace: FWMANAGER_UPDATE_IMAGE_NAMESPACE, key: 'firmware', value: q.burn.image, mode: 'current', artifact });
  if (q.burn?.psid && q.burn.outcome === 'done' && q.psid === undefined) {
    sink.issue('PSID-CHANGE', `${key}: the burn wrote an image of PSID ${q.burn.psid.image} over PSID ${q.burn.psid.flash}; the card reports ${q.burn.psid.image} once the new firmware is loaded`, artifact);
  }
  const facts: Record<string, string | number | undefined> = {
    image_type: q.imageType, fw_release_date: q.fwReleaseDate, product_version: q.productVersion, part_number: q.partNumber, description: q.description,
    security_attributes: q.securityAttributes, orig_psid: q.origPsid, base_guid: q.baseGuid?.value, base_guid_count: q.baseGuid?.count,
    base_mac: q.baseMac?.value, base_mac_count: q.baseMac?.count, fw_branch_tag: q.fwBranchTag, fw_branch_tag_running: q.fwBranchTagRunning,
  };
  for (const [k, value] of Object.entries(facts)) {
    if (value !== undefined) sink.setting({ deviceKey: key, namespace: 'mlx.device', key: k, value, mode: 'current', artifact });
  }
}

/** PCI functions with an mstflint query; MGIR firmware rows are only added for the others. */
function loadMstflint(ctx: LoadContext, known: KnownDevice[]): Set<string> {
  const done = new Set<string>();
  // Every query is read and its named device found before any unnamed one is placed: an unnamed query is matched against
  // all the bundle's named queries, not only those whose saved names sort before its own.
  const files = ctx.names(FLINT_OUTPUTS).filter((name) => !loadRomRemoval(ctx, name)).map((name) => {
    const read = ctx.parse(name, 'mstflint-query', (d) => parseMstflintRuns(d.toString('utf8')));
    // Runs for several devices in one file: each run's own command names its device, not the saved name.
    const several = (read?.runs.length ?? 0) > 1;
    const runs = (read?.runs ?? []).map(({ device, query: q }) => {
      const typed = several ? device : argvDevice(ctx, name) ?? pastedCommandDevice(ctx.get(name));
      return { q, typed, named: inBandKey(typed, q.fwVersionRunning ?? q.fwVersion) ?? deviceKey(ctx, typed) };
    });
    return { name, read, runs };
  });
  const named: KnownDevice[] = files.flatMap((f) => f.runs).filter((r) => r.named !== undefined && (r.q.fwVersion !== undefined || r.q.fwVersionRunning !== undefined || r.q.psid !== undefined))
    .map((r) => ({ key: r.named!, psid: r.q.psid, baseGuid: r.q.baseGuid?.value, baseMac: r.q.baseMac?.value, flint: true }));
  for (const { name, read, runs } of files) {
    if (!read) continue;
    lineIssues(ctx, name, read.issues);
    // Saved under `q --next_boot_fw_ver`: the flash's version alone, whatever the text above it says.
    const origin = ctx.record(name)?.origin;
    const nextBoot = origin?.kind === 'cmd' && origin.argv.some((w) => w === '--next_boot_fw_ver' || w === '--flashed_version');
    for (const { q, typed, named: given } of runs) {
      if (nextBoot) q.nextBootOnly = true;
      // A query that names no device is still its card's: found by the GUID, MAC or PSID it prints (fwmanager-loader.ts).
      const key = given ?? unnamedCardKey(ctx, { psid: q.psid, baseGuid: q.baseGuid?.value, baseMac: q.baseMac?.value }, named);
      for (const e of q.errors) ctx.sink.issue('MSTFLINT', `${key ?? name}: ${e}`, name);
      if (!key) {
        ctx.sink.issue('NO-DEVICE', `${name}: the command names no device`, name);
        continue;
      }
      // A query that only failed (`-E- Cannot open Device`) says nothing of the device but that.
      if (q.fwVersion === undefined && q.fwVersionRunning === undefined && q.psid === undefined) {
        // A burn of another component names that component's version only.
        if (q.burn?.component !== undefined) loadFlint(ctx.sink, key, q, name, typed);
        continue;
      }
      loadFlint(ctx.sink, key, q, name, typed);
      known.push({ key, psid: q.psid, baseGuid: q.baseGuid?.value, baseMac: q.baseMac?.value, flint: true });
      done.add(key);
    }
  }
  return done;
}

const adbBySha = new Map<string, AdbDb>();
/** The register layouts this bundle is decoded with (the host's copy first), recorded as vendor data once per bundle. */
function hcaAdb(ctx: LoadContext, state: { adb?: AdbDb | null }): AdbDb | undefined {
  if (state.adb !== undefined) return state.adb ?? undefined;
  const { use, data } = resolveVendorFile(HCA_ADB, { bundle: (n) => (ctx.record(n)?.truncated ? undefined : ctx.get(n)) });
  state.adb = null;
  if (data && use.sha256) {
    try {
      let adb = adbBySha.get(use.sha256);
      if (!adb) adbBySha.set(use.sha256, (adb = parseAdb(data.toString('utf8'), use.path!)));
      state.adb = adb;
    } catch (e) {
      Object.assign(use, { origin: null, note: `${use.path} is unusable (${(e as Error).message})` });
    }
  }
  if (!state.adb) {
    use.note = `${use.note}; fwctl register reads (MGIR) were not decoded, so their firmware version and PSID are missing — install mstflint or collect on a host that has it`;
    ctx.sink.issue('NO-ADB', `register layouts unavailable: ${use.note}`);
  }
  ctx.sink.vendorData(use);
  return state.adb ?? undefined;
}

/** The host's mlxconfig database, when the bundle carries it: kept (with its bytes) for the NV-constraint check. */
function bundledMlxconfigDb(ctx: LoadContext): void {
  for (const name of MLXCONFIG_DB.bundlePaths) {
    const data = ctx.get(name);
    if (!data || ctx.record(name)?.truncated) continue;
    const { use } = resolveVendorFile(MLXCONFIG_DB, { bundle: (n) => (n === name ? data : undefined) });
    ctx.sink.vendorData({ ...use, data });
    return;
  }
}

function loadMgir(ctx: LoadContext, key: string, name: string, flinted: ReadonlySet<string>, adbState: { adb?: AdbDb | null }): void {
  const ans = ctx.parse(name, 'fwctl', parseMlx5Answer);
  if (!ans) return;
  if (ans.status !== 0) {
    ctx.sink.issue('FW-STATUS', `${name}: firmware answered status 0x${ans.status.toString(16)} syndrome 0x${ans.syndrome.toString(16)}`, name);
    return;
  }
  const adb = hcaAdb(ctx, adbState);
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
  const adbState: { adb?: AdbDb | null } = {};
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
    if (ctx.get(`${dir}/access-reg-mgir.bin`)) loadMgir(ctx, bdf, `${dir}/access-reg-mgir.bin`, flinted, adbState);
    for (const n of ctx.under(`${dir}/mnvda-`).filter((x) => x.endsWith('.bin') && !x.slice(dir.length + 1).includes('/'))) {
      loadMnvda(ctx, bdf, n, n.slice(`${dir}/mnvda-`.length, -'.bin'.length));
    }
  }
}

/**
 * `mst status` saved on its own (with the lines it could not read) or typed above an mst tool's output: what it shows of
 * each PCI function its nodes reach. What it places is read by deviceKey, through mstPlaces.
 */
function loadMstStatus(ctx: LoadContext): void {
  for (const { artifact, nodes, issues } of mstListings(ctx)) {
    lineIssues(ctx, artifact, issues);
    storeMstStatus(ctx, artifact, nodes);
  }
}

/** NVIDIA/Mellanox: mstconfig NV configuration, mstflint and firmware manager queries, fwctl register reads. */
export const mlx5Loader: ClassLoader = {
  name: 'mlx5',
  load(ctx) {
    const known: KnownDevice[] = [];
    mstListings(ctx);
    const flinted = loadMstflint(ctx, known);
    for (const key of loadFwManager(ctx, known)) flinted.add(key);
    loadMstconfig(ctx, known);
    loadFwctl(ctx, flinted);
    loadFwReset(ctx, known);
    loadMlxlink(ctx);
    loadMstStatus(ctx);
    bundledMlxconfigDb(ctx);
    nodeFamilyConflicts(ctx);
  },
};
