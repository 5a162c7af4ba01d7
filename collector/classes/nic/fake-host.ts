import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { netMany } from './fake-host-many.js';

/** A NUL-padded fixed-length C string field. */
function field(s: string, len: number): Buffer {
  const b = Buffer.alloc(len);
  b.write(s.slice(0, len - 1), 'latin1');
  return b;
}

export interface Drvinfo {
  driver: string;
  version?: string;
  fwVersion?: string;
  busInfo?: string;
  eromVersion?: string;
  nPrivFlags?: number;
  nStats?: number;
  testinfoLen?: number;
  eedumpLen?: number;
  regdumpLen?: number;
}

/** struct ethtool_drvinfo (196 bytes, include/uapi/linux/ethtool.h) as ETHTOOL_GDRVINFO leaves it: cmd 0x03, five 32-byte strings, counts. */
export function drvinfoAnswer(d: Drvinfo): Buffer {
  const u32 = Buffer.alloc(20);
  [d.nPrivFlags ?? 0, d.nStats ?? 0, d.testinfoLen ?? 0, d.eedumpLen ?? 0, d.regdumpLen ?? 0].forEach((v, i) => u32.writeUInt32LE(v, 4 * i));
  const cmd = Buffer.alloc(4);
  cmd.writeUInt32LE(0x03);
  return Buffer.concat([cmd, field(d.driver, 32), field(d.version ?? '', 32), field(d.fwVersion ?? '', 32), field(d.busInfo ?? '', 32), field(d.eromVersion ?? '', 32), Buffer.alloc(12), u32]);
}

/** Firmware components of a netdev: ethtool -i's firmware-version and expansion-rom-version. */
const NET_FIRMWARE: Record<string, keyof Drvinfo> = { firmware: 'fwVersion', erom: 'eromVersion' };

/**
 * Network interfaces: /sys/class/net/<if> (a link into the PCI function's net/ directory, or a virtual device) with
 * a few attributes, and the ETHTOOL_GDRVINFO answer the collector stores under ioctl/net/<if>/drvinfo.bin (driver,
 * firmware-version, expansion-rom-version, bus-info).
 */
export const netFakeHost: FakeHostPart = {
  classes: ['net'],
  many: netMany,
  unsupported(d) {
    if (d.settings?.length) return `net settings (${d.settings.map((s) => `${s.namespace}/${s.key}`).join(', ')}) have no renderer`;
    for (const f of firmwareRows(d)) if (!NET_FIRMWARE[f.component] || (f.state ?? 'running') !== 'running') return `firmware ${f.component} (${f.state ?? 'running'}) is not in ethtool's driver information`;
    if (d.model) return 'a network interface has no model of its own (its PCI function has)';
    const ids = d.vendor_id !== undefined || d.device_id !== undefined || d.subsystem_vendor_id !== undefined || d.subsystem_device_id !== undefined;
    if (ids && d.pci_address) return 'ids of a network interface with a described PCI function belong to that description';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const n = names.next('net');
    const ifname = `ens${n}`;
    const ids = [d.vendor_id, d.device_id, d.subsystem_vendor_id, d.subsystem_device_id];
    const bdf = d.pci_address ? names.bdf(d.pci_address) : ids.some((x) => x !== undefined) ? names.bdf(`net-${ifname}`) : undefined;
    if (bdf && !d.pci_address) {
      // The interface's ids are its PCI function's: that function is written here, as the pci part would.
      const fn = names.pciDir(bdf);
      ['vendor', 'device', 'subsystem_vendor', 'subsystem_device'].forEach((a, i) => tree.file(`${fn}/${a}`, `0x${(ids[i] ?? 0).toString(16).padStart(4, '0')}\n`));
      tree.file(`${fn}/class`, '0x020000\n');
      tree.link(`sys/bus/pci/devices/${bdf}`, `../../../${fn.slice('sys/'.length)}`);
    }
    const dir = bdf ? `${names.pciDir(bdf)}/net/${ifname}` : `sys/devices/virtual/net/${ifname}`;
    tree.file(`${dir}/ifindex`, `${n + 2}\n`);
    tree.file(`${dir}/address`, `02:00:00:00:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}\n`);
    tree.file(`${dir}/operstate`, 'up\n');
    tree.file(`${dir}/mtu`, '1500\n');
    if (bdf) tree.link(`${dir}/device`, `../../../${bdf}`);
    tree.link(`sys/class/net/${ifname}`, `../../${dir.slice('sys/'.length)}`);
    const info: Drvinfo = { driver: d.driver ?? '', busInfo: bdf ?? '' };
    for (const f of firmwareRows(d)) Object.assign(info, { [NET_FIRMWARE[f.component]!]: f.version });
    tree.ioctl('net', ifname, 'drvinfo', drvinfoAnswer(info));
    return `net:${ifname}`;
  },
};

type DevlinkJson = Record<string, Record<string, unknown>>;

/** Adds one device's object to a `devlink -j …` output shared by every devlink device of the host (`{"<what>": {"<handle>": …}}`). */
function addToOutput(tree: FakeTree, args: string[], what: string, handle: string, value: unknown): void {
  const name = `cmd/devlink/${args.join('_')}.out`;
  const previous = tree.read(name);
  const json = (previous ? JSON.parse(previous) : { [what]: {} }) as DevlinkJson;
  json[what]![handle] = value;
  tree.command('devlink', args, `${JSON.stringify(json)}\n`);
}

const GROUPS = new Set(['fixed', 'running', 'stored']);

/**
 * devlink devices: their handle in `devlink -j dev show` and their driver and versions (fixed, running, stored) in
 * `devlink -j dev info`, as iproute2 prints them (one JSON object per command for every device of the host).
 */
export const devlinkFakeHost: FakeHostPart = {
  classes: ['devlink'],
  unsupported(d) {
    if (d.settings?.length) return `devlink settings (${d.settings.map((s) => `${s.namespace}/${s.key}`).join(', ')}) have no renderer`;
    for (const f of firmwareRows(d)) if (!GROUPS.has(f.state ?? 'running')) return `devlink versions are fixed, running or stored, not ${f.state}`;
    if (d.vendor_id !== undefined || d.device_id !== undefined || d.model) return 'ids and models of a devlink device belong to its PCI function';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const described = /^devlink:pci\/(.+)$/.exec(d.key)?.[1];
    const handle = `pci/${names.bdf(d.pci_address ?? described ?? d.key)}`;
    const versions: Record<string, Record<string, string>> = {};
    for (const f of firmwareRows(d)) (versions[f.state ?? 'running'] ??= {})[f.component] = f.version;
    addToOutput(tree, ['-j', 'dev', 'show'], 'dev', handle, {});
    addToOutput(tree, ['-j', 'dev', 'info'], 'info', handle, { ...(d.driver ? { driver: d.driver } : {}), versions });
    return `devlink:${handle}`;
  },
};

/** A class device living under its PCI function (net/<if>, nvme/<ctrl>): its class link, device link and attributes. */
function netdev(tree: FakeTree, ifname: string, pciDir: string, ifindex: number, mac: string, link: { up: boolean; speed: number }, extra: Record<string, string> = {}): void {
  tree.classDevice(pciDir, 'net', ifname, {
    addr_assign_type: '0', addr_len: '6', address: mac, broadcast: 'ff:ff:ff:ff:ff:ff', carrier: link.up ? '1' : '0', carrier_changes: link.up ? '2' : '1',
    dev_id: '0x0', dev_port: '0', duplex: link.up ? 'full' : 'unknown', flags: '0x1003', ifalias: '', ifindex: String(ifindex), iflink: String(ifindex),
    link_mode: '0', mtu: '1500', name_assign_type: '4', operstate: link.up ? 'up' : 'down', speed: link.up ? String(link.speed) : '-1', tx_queue_len: '1000',
    type: '1', uevent: `INTERFACE=${ifname}\nIFINDEX=${ifindex}`, ...extra,
  });
}

const MLX5_PFS = [
  { handle: 'pci/0000:3b:00.0', port: 'pci/0000:3b:00.0/65535', netdev: 'ens1f0np0', number: 0 },
  { handle: 'pci/0000:3b:00.1', port: 'pci/0000:3b:00.1/131071', netdev: 'ens1f1np1', number: 1 },
];

/**
 * The shared fake host's interfaces (ens1f0np0 up and ens1f1np1 down on the ConnectX-6 Dx, ens2f0 on the X710) in sysfs,
 * and `devlink -j …` as iproute2 prints it for the ConnectX-6 Dx; values follow the real mlx5 outputs quoted in
 * collector-facts §1.d, with this host's firmware and PSID. Their ethtool answers come from the fake kernel.
 */
export function fakehostNics(tree: FakeTree): void {
  const cx = 'sys/devices/pci0000:3a/0000:3a:00.0';
  netdev(tree, 'ens1f0np0', `${cx}/0000:3b:00.0`, 4, 'b8:ce:f6:4a:10:2e', { up: true, speed: 100000 }, { phys_port_name: 'p0' });
  netdev(tree, 'ens1f1np1', `${cx}/0000:3b:00.1`, 5, 'b8:ce:f6:4a:10:2f', { up: false, speed: 0 }, { phys_port_name: 'p1' });
  netdev(tree, 'ens2f0', 'sys/devices/pci0000:5d/0000:5d:00.0/0000:5e:00.0', 6, '3c:fd:fe:a1:b2:c0', { up: true, speed: 10000 });
  const json = (args: string[], v: unknown): void => {
    tree.command('devlink', args, `${JSON.stringify(v)}\n`);
    tree.file(`cmd/devlink/${args.join('_')}.err`, '');
  };
  const perDevice = <T>(f: (pf: (typeof MLX5_PFS)[number]) => T): Record<string, T> => Object.fromEntries(MLX5_PFS.map((pf) => [pf.handle, f(pf)]));
  const fw = { 'fw.version': '22.39.1002', fw: '22.39.1002' };
  json(['-j', 'dev', 'show'], { dev: perDevice(() => ({})) });
  json(['-j', 'dev', 'info'], {
    info: perDevice(() => ({
      driver: 'mlx5_core', serial_number: '9a4c1e2f7b3d5e60800012ab34cd56ef', 'board.serial_number': 'MT2246X01234',
      versions: { fixed: { 'fw.psid': 'MT_0000000359' }, running: fw, stored: fw },
    })),
  });
  json(['-j', 'dev', 'param', 'show'], {
    param: perDevice(() => [
      { name: 'enable_roce', type: 'generic', values: [{ cmode: 'driverinit', value: true }] },
      { name: 'fdb_large_groups', type: 'driver-specific', values: [{ cmode: 'driverinit', value: 15 }] },
      { name: 'flow_steering_mode', type: 'driver-specific', values: [{ cmode: 'runtime', value: 'dmfs' }] },
    ]),
  });
  json(['-j', 'health', 'show'], {
    health: perDevice(() => [
      { reporter: 'fw', state: 'healthy', error: 0, recover: 0, auto_dump: true },
      { reporter: 'fw_fatal', state: 'healthy', error: 0, recover: 0, grace_period: 60000, auto_recover: true, auto_dump: true },
      { reporter: 'vnic', state: 'healthy', error: 0, recover: 0 },
    ]),
  });
  json(['-j', 'port', 'show'], { port: Object.fromEntries(MLX5_PFS.map((pf) => [pf.port, { type: 'eth', netdev: pf.netdev, flavour: 'physical', port: pf.number, splittable: false }])) });
}
