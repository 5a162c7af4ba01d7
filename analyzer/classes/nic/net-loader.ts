import type { FactSink } from '../../db/rows.js';
import {
  parseChannels, parseCoalesce, parseDrvinfo, parseFecparam, parseFeatures, parsePauseparam, parsePrivFlags, parseRegsHeader,
  parseRingparam,
} from './ethtool.js';
import { parseEthtoolInfoText, type EthtoolInfoText } from './ethtool-info-text.js';
import { parseLinkSettings } from './ethtool-link.js';
import { parseModuleInfo } from './ethtool-module.js';
import { BDF, instances, lastBdf, recordSettings, sysfsSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext, StreamingLoader } from '../../load/types.js';
import { isPciFunction, udevadmWalks, walksOf } from '../core/udevadm-walk.js';

const IFACE = /^(?:sys\/class\/net|ioctl\/net)\/([^/]+)\//;
/** A captured `ethtool -i <if>` (sos reports, pasted outputs, older bundles); interface names may hold underscores. */
const ETHTOOL_I = /^cmd\/ethtool\/-i_([^/]+)\.out$/;
/** Attributes that are not settings (the uevent blob) or change every second (counters). */
const NOT_SETTINGS = new Set(['uevent', 'carrier_changes', 'carrier_up_count', 'carrier_down_count']);

/**
 * Virtual drivers whose firmware-version is not firmware: bonding puts its ABI version there (BOND_ABI_VERSION, `2`,
 * drivers/net/bonding/bond_main.c bond_ethtool_get_drvinfo). It stays in the drvinfo settings as printed.
 */
const ABI_NOT_FIRMWARE = new Set(['bonding']);

/**
 * A software device on no bus (bus-info `N/A` or empty) printing `N/A` as firmware-version has no firmware: the bridge
 * driver prints that literally (br_getinfo, net/bridge/br_device.c). On a device with a bus, `N/A` means unknown (iavf).
 */
const noFirmwareOnNoBus = (fwVersion: string, busInfo: string): boolean => fwVersion.trim() === 'N/A' && /^(?:N\/A)?$/.test(busInfo.trim());

/**
 * The module a driver name names: mlx5's IPoIB netdev reports `mlx5_core[ib_ipoib]` (KBUILD_MODNAME plus its profile,
 * drivers/net/ethernet/mellanox/mlx5/core/ipoib/ethtool.c), a device of module mlx5_core; the drvinfo settings keep it as printed.
 */
export const driverModule = (driver: string): string => /^([\w-]+)\[[\w-]+\]$/.exec(driver.trim())?.[1] ?? driver;

const ioctlName = (ifname: string, what: string): string => `ioctl/net/${ifname}/${what}.bin`;

interface DriverFacts {
  driver: string;
  busInfo?: string;
  fwVersion?: string;
  eromVersion?: string;
  /** A field the source did not give (a line an ethtool -i output does not print) is undefined: no setting row. */
  settings: Record<string, string | number | boolean | undefined>;
  artifact: string;
}

/** A captured `ethtool -i` as parsed (the loader reads each saved output once), or an interface's run in another interface's paste. */
type EthtoolInfoRun = Omit<EthtoolInfoText, 'issues' | 'others' | 'earlier' | 'unnamed'>;
type TextRuns = Map<string, { run: EthtoolInfoRun; artifact: string }>;

/** An earlier output of the interface in the same paste is not stored: the later one is current. */
function noteEarlier(ctx: LoadContext, artifact: string, earlier: readonly number[]): void {
  for (const line of earlier) ctx.sink.issue('EARLIER-OUTPUT', `ethtool-i: the output starting at line ${line} is followed by a later output of the same interface, read as current; it is not stored`, artifact);
}

/** Outputs of interfaces no name or command gives, pasted after another interface's output (`unnamed`), with their file. */
type UnnamedRuns = { run: EthtoolInfoRun; artifact: string }[];

/**
 * Each saved `ethtool -i` output, parsed once: its own interface's run and every other interface's run it holds; the
 * outputs of other devices it holds under no interface's name are added to `unnamed`.
 */
function textRuns(ctx: LoadContext, saved: readonly string[], unnamed: UnnamedRuns): TextRuns {
  const runs: TextRuns = new Map();
  const others: [string, { run: EthtoolInfoRun; artifact: string }][] = [];
  for (const ifname of saved) {
    const text = `cmd/ethtool/-i_${ifname}.out`;
    const t = ctx.parse(text, 'ethtool-i', (d) => parseEthtoolInfoText(d.toString('utf8'), ifname));
    if (!t) continue;
    for (const i of t.issues) ctx.sink.issue('PARSE-LINE', `ethtool-i: line ${i.line} "${i.text}": ${i.message}`, text);
    if (t.error !== undefined) ctx.sink.issue('ETHTOOL', `${ifname}: ${t.error}`, text);
    else {
      noteEarlier(ctx, text, t.earlier);
      runs.set(ifname, { run: t, artifact: text });
    }
    for (const { ifname: other, ...run } of t.others) others.push([other, { run, artifact: text }]);
    for (const run of t.unnamed) unnamed.push({ run, artifact: text });
  }
  // An interface saved in its own file is read from it; one that only another paste holds, from the first such paste
  // that shows its output; ethtool's error for it, when no paste does, is an issue of that interface alone.
  const failed = new Map<string, { error: string; artifact: string }>();
  for (const [ifname, r] of others) {
    if (r.run.error !== undefined) {
      if (!failed.has(ifname)) failed.set(ifname, { error: r.run.error, artifact: r.artifact });
    } else if (!runs.has(ifname)) runs.set(ifname, r);
  }
  for (const [ifname, f] of failed) if (!runs.has(ifname) && !saved.includes(ifname)) ctx.sink.issue('ETHTOOL', `${ifname}: ${f.error}`, f.artifact);
  return runs;
}

/** drvinfo from the ioctl answer, else from a captured `ethtool -i` (which tells only whether each count is non-zero). */
function driverFacts(ctx: LoadContext, ifname: string, texts: TextRuns): DriverFacts | undefined {
  const bin = ioctlName(ifname, 'drvinfo');
  if (ctx.get(bin)) {
    const d = ctx.parse(bin, 'ethtool-drvinfo', parseDrvinfo);
    return d && {
      ...d, artifact: bin,
      settings: {
        driver: d.driver, version: d.version, firmware_version: d.fwVersion, erom_version: d.eromVersion, bus_info: d.busInfo,
        n_priv_flags: d.nPrivFlags, n_stats: d.nStats, testinfo_len: d.testinfoLen, eedump_len: d.eedumpLen, regdump_len: d.regdumpLen,
      },
    };
  }
  const text = texts.get(ifname);
  if (!text) return undefined;
  const t = text.run;
  const supports = Object.fromEntries(Object.entries(t.supports).map(([k, v]) => [`supports_${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, v]));
  return {
    ...t, artifact: text.artifact,
    settings: { driver: t.driverField, version: t.version, firmware_version: t.fwVersion, erom_version: t.eromVersion, bus_info: t.busInfo, ...supports },
  };
}

/**
 * The PCI address a bus-info names: as kernels since 2.6 print it (`0000:3b:00.0`), or as 2.4 kernels did, before PCI
 * domains (`00:09.0`, the slot name "%02x:%02x.%d"), in domain 0, the only one they knew.
 */
function pciOfBusInfo(busInfo: string): string | null {
  const b = busInfo.trim();
  if (BDF.test(b)) return b;
  return /^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(b) ? `0000:${b}` : null;
}

/** Stores one interface's device, firmware and settings; gives the bus-info it prints or the PCI address it sits at. */
function loadInterface(ctx: LoadContext, ifname: string, texts: TextRuns, key = `net:${ifname}`): string | undefined {
  const drv = driverFacts(ctx, ifname, texts);
  const busPci = drv?.busInfo !== undefined ? pciOfBusInfo(drv.busInfo) : null;
  const pci = busPci ?? lastBdf(ctx.text(`sys/class/net/${ifname}/device`));
  ctx.sink.device({ key, class: 'net', pciAddress: pci, parentKey: pci, driver: (drv && driverModule(drv.driver)) || null });

  if (drv) {
    const fw = drv.fwVersion?.trim() ?? '';
    const erom = drv.eromVersion?.trim() ?? '';
    if (fw && !ABI_NOT_FIRMWARE.has(drv.driver) && !noFirmwareOnNoBus(fw, drv.busInfo ?? '')) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: fw, state: 'running', artifact: drv.artifact });
    if (erom) ctx.sink.firmware({ deviceKey: key, component: 'erom', version: erom, state: 'running', artifact: drv.artifact });
    recordSettings(ctx, key, 'ethtool.drvinfo', drv.settings, drv.artifact);
  }
  if (key !== `net:${ifname}`) return drv?.busInfo?.trim();
  sysfsSettings(ctx, key, `sys/class/net/${ifname}`, NOT_SETTINGS);
  loadEthtoolSettings(ctx, ifname, key);
  return drv?.busInfo?.trim() || pci || undefined;
}

function loadEthtoolSettings(ctx: LoadContext, ifname: string, key: string): void {
  const one = <T>(what: string, parser: string, fn: (b: Buffer) => T, namespace: string, toValues: (v: T) => Record<string, string | number | boolean | null | string[]>): void => {
    const name = ioctlName(ifname, what);
    const v = ctx.parse(name, parser, fn);
    if (v !== undefined) recordSettings(ctx, key, namespace, toValues(v), name);
  };
  one('ringparam', 'ethtool-ringparam', parseRingparam, 'ethtool.ring', (r) => ({
    rx_max_pending: r.rxMaxPending, rx_mini_max_pending: r.rxMiniMaxPending, rx_jumbo_max_pending: r.rxJumboMaxPending, tx_max_pending: r.txMaxPending,
    rx_pending: r.rxPending, rx_mini_pending: r.rxMiniPending, rx_jumbo_pending: r.rxJumboPending, tx_pending: r.txPending,
  }));
  one('channels', 'ethtool-channels', parseChannels, 'ethtool.channels', (c) => ({
    max_rx: c.maxRx, max_tx: c.maxTx, max_other: c.maxOther, max_combined: c.maxCombined,
    rx_count: c.rxCount, tx_count: c.txCount, other_count: c.otherCount, combined_count: c.combinedCount,
  }));
  one('coalesce', 'ethtool-coalesce', parseCoalesce, 'ethtool.coalesce', (c) => ({ ...c }));
  one('pauseparam', 'ethtool-pauseparam', parsePauseparam, 'ethtool.pause', (p) => ({ autoneg: p.autoneg, rx: p.rx, tx: p.tx }));
  one('fecparam', 'ethtool-fecparam', parseFecparam, 'ethtool.fec', (f) => ({ active: f.active, configured: f.configured }));
  one('linksettings', 'ethtool-linksettings', parseLinkSettings, 'ethtool.link', (l) => ({
    speed: l.speed, duplex: l.duplex, port: l.port, autoneg: l.autoneg, phy_address: l.phyAddress, mdix: l.mdix, mdix_ctrl: l.mdixCtrl,
    supported: l.supported, advertising: l.advertising, lp_advertising: l.lpAdvertising,
  }));

  const pflags = ioctlName(ifname, 'pflags');
  const flags = ctx.get(ioctlName(ifname, 'strings-priv-flags'))
    ? ctx.parse(pflags, 'ethtool-priv-flags', (v) => parsePrivFlags(ctx.get(ioctlName(ifname, 'strings-priv-flags'))!, v))
    : undefined;
  for (const f of flags ?? []) ctx.sink.setting({ deviceKey: key, namespace: 'ethtool.priv-flags', key: f.name, value: f.enabled, mode: 'current', artifact: pflags });

  const featName = ioctlName(ifname, 'features');
  const featStrings = ctx.get(ioctlName(ifname, 'strings-features'));
  const features = featStrings ? ctx.parse(featName, 'ethtool-features', (v) => parseFeatures(featStrings, v)) : undefined;
  for (const f of features ?? []) {
    if (f.available || f.active) ctx.sink.setting({ deviceKey: key, namespace: 'ethtool.features', key: f.name, value: f.active, mode: 'current', artifact: featName });
  }
}

/** Saved `ethtool -i` outputs whose interface neither their name nor their text said (`ethtool-i.txt`): `-i.out`, `-i@2.out`, … */
const ETHTOOL_I_NO_INTERFACE = /^cmd\/ethtool\/-i(?:@\d+)?\.out$/;

/**
 * The devices of `ethtool -i` outputs naming no interface, each keyed by its bus-info (`net:pci/0000:3b:00.0`, which no
 * interface name can be: it holds a slash), the interface left unknown; none when an interface read elsewhere has
 * the same bus-info (the same device) or the output prints no bus-info to key it by. Of two such outputs with one
 * bus-info, the later in name order is read as current.
 */
function loadNoInterface(ctx: LoadContext, busInfos: ReadonlySet<string>, unnamed: UnnamedRuns): void {
  const names = ctx.names(ETHTOOL_I_NO_INTERFACE).filter((n) => ctx.get(n) !== undefined)
    .sort((a, b) => copyOf(a) - copyOf(b));
  const byKey = new Map<string, { run: EthtoolInfoRun; artifact: string }>();
  const outputs: { run: EthtoolInfoRun; name: string }[] = [];
  for (const name of names) {
    const t = ctx.parse(name, 'ethtool-i', (d) => parseEthtoolInfoText(d.toString('utf8')));
    if (!t) continue;
    for (const i of t.issues) ctx.sink.issue('PARSE-LINE', `ethtool-i: line ${i.line} "${i.text}": ${i.message}`, name);
    if (t.error !== undefined) {
      ctx.sink.issue('ETHTOOL', `${name}: ${t.error}`, name);
      continue;
    }
    noteEarlier(ctx, name, t.earlier);
    outputs.push({ run: t, name }, ...t.unnamed.map((run) => ({ run, name })));
  }
  outputs.push(...unnamed.map((u) => ({ run: u.run, name: u.artifact })));
  for (const { run: t, name } of outputs) {
    const bus = t.busInfo?.trim() ?? '';
    if (bus === '' || bus === 'N/A') {
      ctx.sink.issue('NO-INTERFACE', 'ethtool -i output naming no interface and printing no bus-info: the interface is unknown and nothing keys the device; not stored (save it as -i_<interface>.out)', name);
      continue;
    }
    if (busInfos.has(bus)) continue;
    const key = `net:${pciOfBusInfo(bus) !== null ? 'pci' : 'bus'}/${pciOfBusInfo(bus) ?? bus}`;
    const before = byKey.get(key);
    if (before) ctx.sink.issue('EARLIER-OUTPUT', `ethtool-i: another output naming no interface shows the same bus-info ${bus} (${name}), read as current; this one is not stored`, before.artifact);
    ctx.sink.issue('NO-INTERFACE', `ethtool -i output naming no interface: the interface is unknown; the device is keyed by its bus-info as ${key}`, name);
    byKey.set(key, { run: t, artifact: name });
  }
  for (const [key, run] of byKey) loadInterface(ctx, key, new Map([[key, run]]), key);
}

/** A saved `ethtool -m <if>` (module EEPROM, decoded); `-m.out` names no interface. */
const ETHTOOL_M = /^cmd\/ethtool\/-m_([^/]+)\.out$/;
const ETHTOOL_M_NO_INTERFACE = /^cmd\/ethtool\/-m(?:@\d+)?\.out$/;

/** The plugged module's identity, as `ethtool -m` decodes it, as settings of the interface it is plugged into. */
function loadModule(ctx: LoadContext, name: string, key: string): void {
  const m = ctx.parse(name, 'ethtool-m', (d) => parseModuleInfo(d.toString('utf8')));
  if (!m) return;
  for (const i of m.issues) ctx.sink.issue('PARSE-LINE', `ethtool-m: line ${i.line} "${i.text}": ${i.message}`, name);
  recordSettings(ctx, key, 'ethtool.module', {
    identifier: m.identifier ?? undefined, connector: m.connector ?? undefined,
    vendor_name: m.vendorName ?? undefined, vendor_oui: m.vendorOui ?? undefined, vendor_pn: m.vendorPn ?? undefined, vendor_rev: m.vendorRev ?? undefined,
    vendor_sn: m.vendorSn ?? undefined, date_code: m.dateCode ?? undefined, laser_wavelength: m.laserWavelength ?? undefined,
  }, name);
}

/** 1 for `-i.out`, n for `-i@n.out`. */
function copyOf(name: string): number {
  return Number(/@(\d+)\.out$/.exec(name)?.[1] ?? 1);
}

export const netLoader: ClassLoader = {
  name: 'net',
  load(ctx) {
    const saved = instances(ctx, ETHTOOL_I).sort();
    const unnamed: UnnamedRuns = [];
    const texts = textRuns(ctx, saved, unnamed);
    const modules = instances(ctx, ETHTOOL_M);
    const names = new Set([...instances(ctx, IFACE), ...saved, ...texts.keys(), ...modules]);
    const busInfos = new Set<string>();
    for (const ifname of [...names].sort()) {
      const bus = loadInterface(ctx, ifname, texts);
      if (bus) busInfos.add(bus);
    }
    loadNoInterface(ctx, busInfos, unnamed);
    loadWalkedInterfaces(ctx, names);
    for (const ifname of modules.sort()) loadModule(ctx, `cmd/ethtool/-m_${ifname}.out`, `net:${ifname}`);
    for (const name of ctx.names(ETHTOOL_M_NO_INTERFACE)) {
      ctx.sink.issue('NO-INTERFACE', 'ethtool -m: the output names no interface (neither its file name nor a command line above it), so the module cannot be put on one; it is kept, not read', name);
    }
  },
};

/**
 * Interfaces a pasted `udevadm info -a` walks from (`looking at device '/devices/…/0000:02:01.0/net/ens33'`) that no
 * other source gave: the interface on the PCI function right above it, bound to that function's driver, and its own
 * attributes as sysfs gives them (the top-level ones; not statistics, queues or power).
 */
function loadWalkedInterfaces(ctx: LoadContext, known: ReadonlySet<string>): void {
  const done = new Set(known);
  for (const { name, walk } of udevadmWalks(ctx)) {
    for (const [own, above] of walksOf(walk.devices)) {
      if (own?.subsystem !== 'net' || own.kernel === null || done.has(own.kernel)) continue;
      done.add(own.kernel);
      const pci = above !== undefined && isPciFunction(above) ? above : undefined;
      const key = `net:${own.kernel}`;
      ctx.sink.device({ key, class: 'net', pciAddress: pci?.kernel ?? null, parentKey: pci?.kernel ?? null, driver: pci?.driver ?? null });
      for (const [attr, value] of Object.entries(own.attrs).sort(([a], [b]) => a.localeCompare(b))) {
        if (attr.includes('/') || NOT_SETTINGS.has(attr)) continue;
        ctx.sink.setting({ deviceKey: key, namespace: 'sysfs', key: attr, value, mode: 'current', artifact: name });
      }
    }
  }
}

const REGS = /^ioctl\/net\/([^/]+)\/regs\.bin$/;

/**
 * Register dumps (space 'ethtool-regs:v0x<dump version>') are stored up to this many 32-bit words (256 KiB) per
 * dump, as one blob; bundles may carry gigabytes of dumps, which the bundle keeps whole.
 */
export const REGISTER_ROWS_PER_DUMP = 65_536;

export const netRegsLoader: StreamingLoader = {
  name: 'net-regs',
  match: REGS,
  onArtifact(name: string, data: Buffer, sink: FactSink) {
    const deviceKey = `net:${REGS.exec(name)![1]}`;
    const { version, len, dataOffset } = parseRegsHeader(data);
    const space = `ethtool-regs:v0x${version.toString(16)}`;
    sink.setting({ deviceKey, namespace: 'ethtool.regs', key: 'version', value: `0x${version.toString(16)}`, mode: 'current' });
    sink.setting({ deviceKey, namespace: 'ethtool.regs', key: 'len', value: len, mode: 'current' });
    const words = Math.floor(len / 4);
    if (words > REGISTER_ROWS_PER_DUMP) {
      sink.issue('REGS-CAPPED', `only the first ${REGISTER_ROWS_PER_DUMP * 4} bytes of this ${len}-byte register dump are rows in the registers table; the whole dump stays in the bundle`, name);
    }
    // The dump's words are little-endian; the database keeps words big-endian.
    const kept = Buffer.from(data.subarray(dataOffset, dataOffset + 4 * Math.min(words, REGISTER_ROWS_PER_DUMP)));
    sink.registerDump({ deviceKey, space, offset: 0, words: kept.swap32() });
  },
};
