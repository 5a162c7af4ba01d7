import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FakeKernel } from './fake-kernel.js';
import { FAKEHOST_NICS } from './nics.js';
import { SAMSUNG_NVME0 } from './nvme-drives.js';
import { runSource } from './run-source.js';

/** One entry of a --root tree: a regular file or a (relative) symlink. */
export type TreeEntry = { file: Buffer } | { link: string };
export type Tree = Map<string, TreeEntry>;

/** The parts of the shared fake host this engineer owns (see test/fixtures/hosts/fakehost). */
export const OWNED_DIRS = ['sys/class/net', 'sys/class/nvme', 'ioctl/net', 'ioctl/nvme', 'cmd/devlink'];

const PCI_DIRS = {
  '0000:3b:00.0': 'sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0',
  '0000:3b:00.1': 'sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.1',
  '0000:5e:00.0': 'sys/devices/pci0000:5d/0000:5d:00.0/0000:5e:00.0',
  '0000:af:00.0': 'sys/devices/pci0000:ae/0000:ae:00.0/0000:af:00.0',
} as const;
type Bdf = keyof typeof PCI_DIRS;

const text = (s: string): TreeEntry => ({ file: Buffer.from(`${s}\n`) });

/** A class device living under its PCI function: the class symlink, its attributes and its device link. */
function classDevice(tree: Tree, cls: string, name: string, bdf: Bdf, attrs: Record<string, string>): string {
  const dir = `${PCI_DIRS[bdf]}/${cls}/${name}`;
  tree.set(`sys/class/${cls}/${name}`, { link: `../../${dir.replace(/^sys\//, '')}` });
  tree.set(`${dir}/device`, { link: `../../../${bdf}` });
  for (const [k, v] of Object.entries(attrs)) tree.set(`${dir}/${k}`, text(v));
  return dir;
}

function netdev(tree: Tree, ifname: string, bdf: Bdf, ifindex: number, mac: string, link: { up: boolean; speed: number }, extra: Record<string, string> = {}): void {
  classDevice(tree, 'net', ifname, bdf, {
    addr_assign_type: '0',
    addr_len: '6',
    address: mac,
    broadcast: 'ff:ff:ff:ff:ff:ff',
    carrier: link.up ? '1' : '0',
    carrier_changes: link.up ? '2' : '1',
    dev_id: '0x0',
    dev_port: '0',
    duplex: link.up ? 'full' : 'unknown',
    flags: '0x1003',
    ifalias: '',
    ifindex: String(ifindex),
    iflink: String(ifindex),
    link_mode: '0',
    mtu: '1500',
    name_assign_type: '4',
    operstate: link.up ? 'up' : 'down',
    speed: link.up ? String(link.speed) : '-1',
    tx_queue_len: '1000',
    type: '1',
    uevent: `INTERFACE=${ifname}\nIFINDEX=${ifindex}`,
    ...extra,
  });
}

function sysfs(tree: Tree): void {
  netdev(tree, 'ens1f0np0', '0000:3b:00.0', 4, 'b8:ce:f6:4a:10:2e', { up: true, speed: 100000 }, { phys_port_name: 'p0' });
  netdev(tree, 'ens1f1np1', '0000:3b:00.1', 5, 'b8:ce:f6:4a:10:2f', { up: false, speed: 0 }, { phys_port_name: 'p1' });
  netdev(tree, 'ens2f0', '0000:5e:00.0', 6, '3c:fd:fe:a1:b2:c0', { up: true, speed: 10000 });
  // The namespace directory nvme0/nvme0n1 is a block device: the ata part of the fake host owns it.
  classDevice(tree, 'nvme', 'nvme0', '0000:af:00.0', {
    address: '0000:af:00.0',
    cntlid: '6',
    cntrltype: 'io',
    dctype: 'none',
    dev: '241:0',
    firmware_rev: 'GDC5602Q',
    kato: '0',
    model: 'SAMSUNG MZQL23T8HCLS-00A07',
    numa_node: '1',
    queue_count: '65',
    serial: 'S64HNE0R700123',
    sqsize: '1023',
    state: 'live',
    subsysnqn: 'nqn.1994-11.com.samsung:nvme:PM9A3:2.5-inch:S64HNE0R700123',
    transport: 'pcie',
    uevent: 'MAJOR=241\nMINOR=0\nDEVNAME=nvme0',
  });
}

const MLX5_PFS = [
  { handle: 'pci/0000:3b:00.0', port: 'pci/0000:3b:00.0/65535', netdev: 'ens1f0np0', number: 0 },
  { handle: 'pci/0000:3b:00.1', port: 'pci/0000:3b:00.1/131071', netdev: 'ens1f1np1', number: 1 },
];

/**
 * `devlink -j …` as iproute2 prints it (compact JSON, one line) for the ConnectX-6 Dx. Values follow
 * the real mlx5 text outputs quoted in collector-facts §1.d, with this host's firmware and PSID.
 */
function devlink(tree: Tree): void {
  const json = (v: unknown): TreeEntry => ({ file: Buffer.from(`${JSON.stringify(v)}\n`) });
  const perDevice = <T>(f: (pf: (typeof MLX5_PFS)[number]) => T): Record<string, T> => Object.fromEntries(MLX5_PFS.map((pf) => [pf.handle, f(pf)]));
  const fw = { 'fw.version': '22.39.1002', fw: '22.39.1002' };
  tree.set('cmd/devlink/-j_dev_show.out', json({ dev: perDevice(() => ({})) }));
  tree.set(
    'cmd/devlink/-j_dev_info.out',
    json({
      info: perDevice(() => ({
        driver: 'mlx5_core',
        serial_number: '9a4c1e2f7b3d5e60800012ab34cd56ef',
        'board.serial_number': 'MT2246X01234',
        versions: { fixed: { 'fw.psid': 'MT_0000000359' }, running: fw, stored: fw },
      })),
    }),
  );
  tree.set(
    'cmd/devlink/-j_dev_param_show.out',
    json({
      param: perDevice(() => [
        { name: 'enable_roce', type: 'generic', values: [{ cmode: 'driverinit', value: true }] },
        { name: 'fdb_large_groups', type: 'driver-specific', values: [{ cmode: 'driverinit', value: 15 }] },
        { name: 'flow_steering_mode', type: 'driver-specific', values: [{ cmode: 'runtime', value: 'dmfs' }] },
      ]),
    }),
  );
  tree.set(
    'cmd/devlink/-j_health_show.out',
    json({
      health: perDevice(() => [
        { reporter: 'fw', state: 'healthy', error: 0, recover: 0, auto_dump: true },
        { reporter: 'fw_fatal', state: 'healthy', error: 0, recover: 0, grace_period: 60000, auto_recover: true, auto_dump: true },
        { reporter: 'vnic', state: 'healthy', error: 0, recover: 0 },
      ]),
    }),
  );
  tree.set(
    'cmd/devlink/-j_port_show.out',
    json({ port: Object.fromEntries(MLX5_PFS.map((pf) => [pf.port, { type: 'eth', netdev: pf.netdev, flavour: 'physical', port: pf.number, splittable: false }])) }),
  );
  for (const name of ['dev_show', 'dev_info', 'dev_param_show', 'health_show', 'port_show']) tree.set(`cmd/devlink/-j_${name}.err`, { file: Buffer.alloc(0) });
}

export function writeTree(root: string, tree: Tree): void {
  for (const [rel, e] of tree) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    if ('link' in e) symlinkSync(e.link, p);
    else writeFileSync(p, e.file);
  }
}

/**
 * The net/nvme/devlink part of the fake host. The ioctl answers are what the net and nvme sources
 * store when they run against the sysfs part with the fake kernel, so they are the same bytes a live
 * collection of such a host would produce.
 */
export async function buildFakehostTree(): Promise<Tree> {
  const tree: Tree = new Map();
  sysfs(tree);
  devlink(tree);
  const tmp = mkdtempSync(join(tmpdir(), 'fwsnap-fakehost-'));
  try {
    writeTree(tmp, tree);
    const kernel = new FakeKernel({ nics: FAKEHOST_NICS, nvme: [SAMSUNG_NVME0] });
    for (const name of ['net', 'nvme']) {
      const run = await runSource(name, { root: tmp, replay: false, transport: () => kernel });
      if (run.status !== 'ok') throw new Error(`building the fake host: ${name} ${run.status} ${run.reason ?? ''} ${JSON.stringify(run.issues)}`);
      for (const [artifactName, a] of run.artifacts) if (artifactName.startsWith('ioctl/')) tree.set(artifactName, { file: a.data });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return tree;
}
