/**
 * Collection at scale: a synthetic --root tree of 2,000 PCI functions and 500 network interfaces is collected
 * with the built CLI (`fwsnap collect --root`), and wall time and peak memory are compared with the targets
 * (≤ 5 s, ≤ 200 MB). Peak memory is reported twice: GNU time's largest single process, and the largest sum over
 * the whole process tree (the CLI plus its source workers), sampled every 20 ms.
 * Run: npm run build && node dist/bench/collect-synthetic.js [functions] [interfaces]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeTree } from '../collector/fake-host/tree.js';
import { buildConfigSpace } from '../collector/classes/pci/fake-host-config-image.js';
import { buildVpd, writePciFunction } from '../collector/classes/pci/fake-host-function.js';

const FUNCTIONS = Number(process.argv[2] ?? 2000);
const INTERFACES = Number(process.argv[3] ?? 500);
const TARGET_MS = 5000;
const TARGET_MB = 200;
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);

function buildTree(root: string): void {
  const tree = new FakeTree(root);
  const config = buildConfigSpace({
    vendor: 0x15b3, device: 0x101d, subVendor: 0x15b3, subDevice: 0x0016, classCode: 0x020000, revision: 0, vpd: true, msix: { size: 64 },
    pcie: { speed: '16.0', width: 16, maxSpeed: '16.0', maxWidth: 16, maxPayload: 512 }, aer: {}, ari: { next: 0 }, secondaryPcie: 16,
  });
  const vpd = buildVpd('Synthetic adapter', [['PN', 'SYN-0001'], ['SN', 'SYN000000001']]);
  for (let i = 0; i < FUNCTIONS; i++) {
    const bus = (i >> 3) & 0xff;
    const domain = i >> 11;
    const bdf = `${domain.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}:00.${i & 7}`;
    const path = `sys/devices/pci${domain.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}/${bdf}`;
    writePciFunction(tree, {
      bdf, path, vendor: 0x15b3, device: 0x101d, subVendor: 0x15b3, subDevice: 0x0016, classCode: 0x020000, revision: 0,
      driver: 'mlx5_core', module: 'mlx5_core', iommuGroup: i, numa: 0, cpulist: '0-63', irq: 16,
      link: { speed: '16.0', width: 16, maxSpeed: '16.0', maxWidth: 16 }, aer: {}, config, vpd,
      sriov: i % 8 === 0 ? { total: 8, num: 0, offset: 2, stride: 1, vfDevice: 0x101e } : undefined,
    });
    if (i < INTERFACES) writeInterface(tree, `ens${i}np0`, path, i);
  }
}

/** The usual sysfs attributes of a netdev, under its PCI function, with its sys/class/net link. */
function writeInterface(tree: FakeTree, ifname: string, pciPath: string, i: number): void {
  const dir = `${pciPath}/net/${ifname}`;
  const mac = `b8:3f:d2:${((i >> 16) & 0xff).toString(16).padStart(2, '0')}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
  tree.attrs(dir, {
    addr_assign_type: '0', addr_len: '6', address: mac, broadcast: 'ff:ff:ff:ff:ff:ff', carrier: '1', carrier_changes: '2', dev_id: '0x0',
    dev_port: '0', duplex: 'full', flags: '0x1003', ifalias: '', ifindex: String(i + 2), iflink: String(i + 2), link_mode: '0', mtu: '1500',
    name_assign_type: '4', netdev_group: '0', operstate: 'up', phys_port_id: '', phys_port_name: 'p0', phys_switch_id: '', proto_down: '0',
    speed: '100000', tx_queue_len: '1000', type: '1', gro_flush_timeout: '0', napi_defer_hard_irqs: '0', testing: '0', dormant: '0',
  });
  tree.attrs(`${dir}/statistics`, { rx_bytes: '0', tx_bytes: '0', rx_packets: '0', tx_packets: '0', rx_errors: '0', tx_errors: '0' });
  tree.linkTo(`${dir}/device`, pciPath);
  tree.linkTo(`sys/class/net/${ifname}`, dir);
}

/** Resident memory (kB) of a process and all its descendants, from /proc. */
function treeRssKb(rootPid: number | undefined): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      rss.set(Number(e), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(e));
    } catch {
      /* the process ended meanwhile */
    }
  }
  let sum = 0;
  if (rootPid === undefined) return 0;
  for (const stack = [rootPid]; stack.length; ) {
    const pid = stack.pop()!;
    sum += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  maxRssKb: number;
  peakTreeKb: number;
}

function run(argv: string[]): Promise<Run> {
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '__MAXRSS__ %M', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peakTreeKb = 0;
    const sampler = setInterval(() => (peakTreeKb = Math.max(peakTreeKb, treeRssKb(child.pid))), 20);
    child.on('close', (status) => {
      clearInterval(sampler);
      const ms = performance.now() - t0;
      resolvePromise({ ms, status, stdout, stderr, maxRssKb: Number(/__MAXRSS__ (\d+)/.exec(stderr)?.[1] ?? NaN), peakTreeKb });
    });
  });
}

// FWSNAP_BENCH_TREE=DIR keeps the synthetic tree in DIR (built once, reused by later runs).
const kept = process.env.FWSNAP_BENCH_TREE;
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-bench-collect-'));
const root = kept ?? join(dir, 'root');
try {
  const t0 = performance.now();
  if (!kept || !existsSync(join(root, 'sys'))) buildTree(root);
  console.log(`synthetic tree: ${FUNCTIONS} PCI functions, ${Math.min(INTERFACES, FUNCTIONS)} interfaces, ready in ${(performance.now() - t0).toFixed(0)} ms`);
  const r = await run([process.execPath, cli, 'collect', '--root', root, '-o', join(dir, 'out.tar.gz')]);
  if (r.status !== 0) throw new Error(`collect failed (${r.status}): ${r.stderr}`);
  process.stdout.write(r.stdout.replace(/^bundle: .*$/m, '').trimEnd() + '\n');
  const mb = (kb: number): string => (kb / 1024).toFixed(0);
  const verdict = (kb: number): string => (kb / 1024 <= TARGET_MB ? 'MEETS' : 'MISSES');
  console.log(`wall time: ${r.ms.toFixed(0)} ms; target ≤ ${TARGET_MS} ms: ${r.ms <= TARGET_MS ? 'MEETS' : 'MISSES'} target`);
  // Both readings of "peak memory" are judged: the collector process (which holds the bundle) and the sum over
  // it and its worker processes (each a Node process, ~45 MB before doing anything).
  console.log(`peak RSS, largest process: ${mb(r.maxRssKb)} MB; target ≤ ${TARGET_MB} MB: ${verdict(r.maxRssKb)} target`);
  console.log(`peak RSS, whole process tree (sampled): ${mb(r.peakTreeKb)} MB; target ≤ ${TARGET_MB} MB: ${verdict(r.peakTreeKb)} target`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
