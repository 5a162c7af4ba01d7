import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../helpers/fake-host/part.js';
import { firmwareRows } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

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
