import type { FactSink } from '../db/rows.js';
import {
  parseChannels, parseCoalesce, parseDrvinfo, parseFecparam, parseFeatures, parsePauseparam, parsePrivFlags, parseRegsHeader,
  parseRingparam, regsWords, type EthtoolDrvinfo,
} from '../parsers/ethtool.js';
import { parseLinkSettings } from '../parsers/ethtool-link.js';
import { BDF, instances, lastBdf, recordSettings, sysfsSettings } from './loader-util.js';
import type { ClassLoader, LoadContext, StreamingLoader } from './types.js';

const IFACE = /^(?:sys\/class\/net|ioctl\/net)\/([^/]+)\//;
/** Attributes that are not settings (the uevent blob) or change every second (counters). */
const NOT_SETTINGS = new Set(['uevent', 'carrier_changes', 'carrier_up_count', 'carrier_down_count']);

const ioctlName = (ifname: string, what: string): string => `ioctl/net/${ifname}/${what}.bin`;

function loadInterface(ctx: LoadContext, ifname: string): void {
  const key = `net:${ifname}`;
  const drvName = ioctlName(ifname, 'drvinfo');
  const drv: EthtoolDrvinfo | undefined = ctx.parse(drvName, 'ethtool-drvinfo', parseDrvinfo);
  const busPci = drv && BDF.test(drv.busInfo) ? drv.busInfo : null;
  const pci = busPci ?? lastBdf(ctx.text(`sys/class/net/${ifname}/device`));
  ctx.sink.device({ key, class: 'net', pciAddress: pci, parentKey: pci, driver: drv?.driver || null });

  if (drv) {
    if (drv.fwVersion.trim()) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: drv.fwVersion.trim(), state: 'running', artifact: drvName });
    if (drv.eromVersion.trim()) ctx.sink.firmware({ deviceKey: key, component: 'erom', version: drv.eromVersion.trim(), state: 'running', artifact: drvName });
    recordSettings(ctx, key, 'ethtool.drvinfo', {
      driver: drv.driver, version: drv.version, firmware_version: drv.fwVersion, erom_version: drv.eromVersion, bus_info: drv.busInfo,
      n_priv_flags: drv.nPrivFlags, n_stats: drv.nStats, testinfo_len: drv.testinfoLen, eedump_len: drv.eedumpLen, regdump_len: drv.regdumpLen,
    }, drvName);
  }
  sysfsSettings(ctx, key, `sys/class/net/${ifname}`, NOT_SETTINGS);
  loadEthtoolSettings(ctx, ifname, key);
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

export const netLoader: ClassLoader = {
  name: 'net',
  load(ctx) {
    for (const ifname of instances(ctx, IFACE)) loadInterface(ctx, ifname);
  },
};

const REGS = /^ioctl\/net\/([^/]+)\/regs\.bin$/;

/** Register dumps as they stream past: one row per 32-bit word, in space 'ethtool-regs:v0x<dump version>'. */
export const netRegsLoader: StreamingLoader = {
  name: 'net-regs',
  match: REGS,
  onArtifact(name: string, data: Buffer, sink: FactSink) {
    const deviceKey = `net:${REGS.exec(name)![1]}`;
    const { version, len } = parseRegsHeader(data);
    const space = `ethtool-regs:v0x${version.toString(16)}`;
    sink.setting({ deviceKey, namespace: 'ethtool.regs', key: 'version', value: `0x${version.toString(16)}`, mode: 'current' });
    sink.setting({ deviceKey, namespace: 'ethtool.regs', key: 'len', value: len, mode: 'current' });
    for (const w of regsWords(data)) sink.register({ deviceKey, space, offset: w.offset, value: w.value });
  },
};
