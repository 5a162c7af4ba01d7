/**
 * A synthetic fleet: N varied hosts (server models with their BIOS, ConnectX adapters with firmware, PSID, NV
 * configuration and PCIe link, NVMe and SATA drives, CPUs with their microcode, kernel module parameters),
 * deterministic from a seed, some with planted problems (an outdated BIOS, adapter or drive firmware on one host
 * among identical ones, another NV setting, a narrower link, a module parameter set differently).
 * Each distinct host (its plan but for the hostname) is rendered as a captured tree by the fake-host builder
 * (collector/fake-host) and collected with the real collector (`collect --root`, in process). Hosts that differ
 * from one already collected only by their name get that bundle with the name rewritten and the bundle written
 * again by the bundle writer (rehost.ts): what collecting their own tree would give (a test compares the two).
 * 10,000 hosts of seed 1 are 812 distinct ones.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '../../collector/collect.js';
import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import { buildFakeHost } from '../../collector/fake-host/builder.js';
import { rehostBundle } from './rehost.js';

/** What was planted in one host: the fleet rules must find exactly these. */
export interface HostPlan {
  hostname: string;
  server: string;
  bios: string;
  /** Planted differences from the fleet's usual values, by kind. */
  problems: string[];
  devices: RuleTestDevice[];
}

/** mulberry32: a small deterministic generator (the same seed gives the same fleet on every machine). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Models and versions as these devices report them (drive models and revisions from the repository's fixtures).
const SERVERS = [
  { vendor: 'Dell Inc.', product: 'PowerEdge R740', bios: '2.20.0', old: '2.19.1' },
  { vendor: 'Dell Inc.', product: 'PowerEdge R750', bios: '1.13.2', old: '1.8.2' },
  { vendor: 'Supermicro', product: 'SYS-2029U-TR4', bios: '3.4', old: '3.1' },
];
const NVME = [
  { model: 'SAMSUNG MZQL23T8HCLS-00A07', vid: 0x144d, fw: 'GDC5602Q', old: 'GDC5302Q' },
  { model: 'INTEL SSDPE2KX040T8', vid: 0x8086, fw: 'VDV10184', old: 'VDV10170' },
];
const SATA = [
  { model: 'Crucial_CT512MX100SSD1', fw: 'MU02', old: 'MU01' },
  { model: 'Samsung SSD 860 EVO 500GB', fw: 'RVT04B6Q', old: 'RVT02B6Q' },
];
const CPUS = [
  { model: 'Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz', microcode: '0x2007006', old: '0x2006e05' },
  { model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', microcode: '0xd0003b9', old: '0xd000375' },
];
const CONNECTX = { vendor: 0x15b3, device: 0x101d, psid: 'MT_0000000359', fw: '22.39.1002', old: '22.36.1010' };
const MODULES = [
  { module: 'nvme_core', param: 'default_ps_max_latency_us', usual: '100000', odd: '0' },
  { module: 'i40e', param: 'debug', usual: '-1', odd: '7' },
];

/** The plan of host `i` of a fleet: what its tree will hold. */
export function planHost(seed: number, i: number): HostPlan {
  const r = random(seed * 1_000_003 + i);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const hostname = `node-${String(i + 1).padStart(5, '0')}`;
  const problems: string[] = [];
  const odd = (p: number, what: string): boolean => {
    const yes = r() < p;
    if (yes) problems.push(what);
    return yes;
  };
  const server = SERVERS[i % 7 === 6 ? 2 : i % 3 === 2 ? 1 : 0]!;
  const bios = odd(0.05, 'bios') ? server.old : server.bios;
  const devices: RuleTestDevice[] = [
    {
      key: 'platform',
      class: 'platform',
      settings: [
        { namespace: 'dmi', key: 'sys_vendor', value: server.vendor },
        { namespace: 'dmi', key: 'product_name', value: server.product },
        { namespace: 'dmi', key: 'bios_version', value: bios },
      ],
    },
    {
      key: 'kernel',
      class: 'kernel',
      settings: MODULES.map((m) => ({ namespace: `module:${m.module}`, key: m.param, value: odd(0.03, `module ${m.module}.${m.param}`) ? m.odd : m.usual, mode: 'runtime' })),
    },
  ];
  const nvme = NVME[server === SERVERS[1] ? 1 : 0]!;
  const drives = 1 + Math.floor(r() * 4);
  const oldDrive = odd(0.04, 'nvme firmware');
  for (let d = 0; d < drives; d++) {
    devices.push({ key: `nvme:nvme${d}`, class: 'nvme', vendor_id: nvme.vid, model: nvme.model, firmware: { firmware: oldDrive && d === 0 ? nvme.old : nvme.fw } });
  }
  // A ConnectX-6 Dx on most hosts: firmware and PSID (mstflint), NV configuration (mstconfig), its PCIe link, its netdev.
  if (r() < 0.7) {
    const fw = odd(0.04, 'connectx firmware') ? CONNECTX.old : CONNECTX.fw;
    const vfs = odd(0.04, 'nv NUM_OF_VFS') ? 16 : 8;
    const width = odd(0.04, 'pcie link') ? 8 : 16;
    devices.push(
      {
        key: '0000:3b:00.0',
        class: 'pci',
        vendor_id: CONNECTX.vendor,
        device_id: CONNECTX.device,
        firmware: [{ component: 'firmware', version: fw, state: 'running' }, { component: 'psid', version: CONNECTX.psid, state: 'fixed' }],
        settings: [
          { namespace: 'mlxconfig', key: 'SRIOV_EN', value: 1, mode: 'current' },
          { namespace: 'mlxconfig', key: 'NUM_OF_VFS', value: vfs, mode: 'current' },
        ],
        links: [{ source: 'config', speed_gts: 16, width, max_speed_gts: 16, max_width: 16 }],
      },
      { key: 'net:ens1f0np0', class: 'net', pci_address: '0000:3b:00.0', driver: 'mlx5_core', firmware: { firmware: `${fw} (${CONNECTX.psid})` } },
    );
  }
  if (r() < 0.5) {
    const sata = pick(SATA);
    devices.push({ key: 'ata:dev1.0', class: 'ata', model: sata.model, firmware: { firmware: odd(0.05, 'sata firmware') ? sata.old : sata.fw } });
  }
  const cpu = CPUS[server === SERVERS[1] ? 1 : 0]!;
  // An old microcode shows in the histogram; no fleet rule reports CPUs (the cpu rules judge microcode per host).
  const microcode = odd(0.03, 'microcode') ? cpu.old : cpu.microcode;
  for (let c = 0; c < 2; c++) devices.push({ key: `cpu:${c}`, class: 'cpu', model: cpu.model, firmware: [{ component: 'microcode', version: microcode }] });
  return { hostname, server: `${server.vendor} ${server.product}`, bios, problems, devices };
}

/** Hosts with equal keys differ only by their name. */
const planKey = (p: HostPlan): string => JSON.stringify({ ...p, hostname: '' });

const bundleOf = (dir: string, hostname: string): string => join(dir, 'bundles', `${hostname}.tar.gz`);

/** Renders host `plan` as a captured tree under dir/tree and collects it into its bundle. */
async function renderAndCollect(dir: string, plan: HostPlan): Promise<void> {
  const root = join(dir, 'tree', plan.hostname);
  rmSync(root, { recursive: true, force: true });
  const hostWide = plan.devices.filter((d) => d.class === 'platform' || d.class === 'kernel');
  buildFakeHost(root, hostWide, [plan.devices.filter((d) => !hostWide.includes(d))]);
  writeFileSync(join(root, 'proc/sys/kernel/hostname'), `${plan.hostname}\n`);
  await collect({ root, output: bundleOf(dir, plan.hostname), isolation: 'inline', only: ['pci', 'nic', 'mlx5', 'nvme', 'ata', 'platform', 'cpu'] });
  rmSync(root, { recursive: true, force: true });
}

export interface GenerateOptions {
  n: number;
  seed: number;
  dir: string;
  /** Hosts before this one already have their bundles in dir/bundles (an earlier, smaller run). */
  from?: number;
  /** Render and collect every host, even those that differ from an earlier one only by name (tests). */
  renderAll?: boolean;
}

/** Bundles of hosts [from, n) of a fleet in dir/bundles/<hostname>.tar.gz; `rendered` counts the trees collected. */
export async function generateFleet(o: GenerateOptions): Promise<{ bundles: string[]; plans: HostPlan[]; rendered: number }> {
  mkdirSync(join(o.dir, 'bundles'), { recursive: true });
  const from = o.from ?? 0;
  // The first host of each distinct plan, whose bundle the others copy: hosts kept from an earlier run count.
  const firsts = new Map<string, string>();
  for (let i = 0; i < from; i++) {
    const p = planHost(o.seed, i);
    if (!firsts.has(planKey(p))) firsts.set(planKey(p), p.hostname);
  }
  const bundles: string[] = [];
  const plans: HostPlan[] = [];
  let rendered = 0;
  for (let i = from; i < o.n; i++) {
    const plan = planHost(o.seed, i);
    const first = o.renderAll ? undefined : firsts.get(planKey(plan));
    if (first) {
      await rehostBundle(bundleOf(o.dir, first), first, plan.hostname, bundleOf(o.dir, plan.hostname));
    } else {
      await renderAndCollect(o.dir, plan);
      firsts.set(planKey(plan), plan.hostname);
      rendered++;
    }
    bundles.push(bundleOf(o.dir, plan.hostname));
    plans.push(plan);
  }
  rmSync(join(o.dir, 'tree'), { recursive: true, force: true });
  return { bundles, plans, rendered };
}
