/**
 * Analysis cost against the number of devices: captured trees with N ATA disks (each behind its own AHCI
 * port, with IDENTIFY, trim, link, host and block queue files) and N PCI functions are collected with
 * `fwsnap collect --root`, then analysed with `fwsnap analyze`; the time per device is compared between
 * N = 300 and N = 3,000 (target: ratio under 1.5, i.e. linear). Medians of three analyses each.
 * Run: npm run build && node dist/bench/analyze-scaling.js [small] [large]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIdentify, identifyText } from '../collector/classes/ata/fake-host.js';
import { FakeTree } from '../collector/fake-host/tree.js';
import { buildConfigSpace } from '../collector/classes/pci/fake-host-config-image.js';
import { writePciFunction } from '../collector/classes/pci/fake-host-function.js';

const SMALL = Number(process.argv[2] ?? 300);
const LARGE = Number(process.argv[3] ?? 3000);
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);

const MODELS: [string, string][] = [['Samsung SSD 870 EVO 1TB', 'SVT02B6Q'], ['ST4000NM0035-1V4107', 'TNC3'], ['Crucial_CT512MX100SSD1', 'MU01'], ['WDC WD40EFRX-68N32N0', '82.00A82']];

function ataDisk(tree: FakeTree, i: number): void {
  const ctrl = `0000:${(0x10 + (i >> 8)).toString(16).padStart(2, '0')}:${((i >> 3) & 0x1f).toString(16).padStart(2, '0')}.${i & 7}`;
  const port = `sys/devices/pci0000:00/${ctrl}/ata${i + 1}`;
  const host = `host${i}`;
  const sdev = `${port}/${host}/target${i}:0:0/${i}:0:0:0`;
  const disk = `sd${diskName(i)}`;
  const [model, firmware] = MODELS[i % MODELS.length]!;
  const dev = `dev${i + 1}.0`;
  const devDir = `${port}/link${i + 1}/${dev}/ata_device/${dev}`;
  tree.attrs(devDir, { class: 'ata', trim: 'queued', ering: '', spdn_cnt: '0', pio_mode: 'XFER_PIO_4', dma_mode: 'XFER_UDMA_6', xfer_mode: 'XFER_UDMA_6' });
  tree.file(`${devDir}/id`, identifyText(buildIdentify({ serial: `S${String(i).padStart(11, '0')}`, firmware, model, sectors: 1953525168, wwn: [0x5002, 0x538e, i >> 16, i & 0xffff] })));
  tree.linkTo(`sys/class/ata_device/${dev}`, devDir);
  tree.attrs(`${port}/link${i + 1}/ata_link/link${i + 1}`, { hw_sata_spd_limit: '6.0 Gbps', sata_spd_limit: '<unknown>', sata_spd: '6.0 Gbps' });
  tree.linkTo(`sys/class/ata_link/link${i + 1}`, `${port}/link${i + 1}/ata_link/link${i + 1}`);
  const h = `${port}/${host}/scsi_host/${host}`;
  tree.attrs(h, { link_power_management_policy: 'med_power_with_dipm', proc_name: 'ahci', unique_id: String(i + 1), can_queue: '32' });
  tree.linkTo(`sys/class/scsi_host/${host}`, h);
  tree.attrs(sdev, { vendor: 'ATA     ', model: model.slice(0, 16), rev: firmware.slice(-4), state: 'running', queue_depth: '32' });
  const blk = `${sdev}/block/${disk}`;
  tree.attrs(blk, { size: '1953525168', removable: '0', ro: '0' });
  tree.linkTo(`${blk}/device`, sdev);
  tree.attrs(`${blk}/queue`, { scheduler: '[mq-deadline] none', rotational: '0', max_sectors_kb: '1280', max_hw_sectors_kb: '32767', discard_max_bytes: '2147450880', fua: '0' });
  tree.linkTo(`sys/block/${disk}`, blk);
  tree.linkTo(`sys/class/block/${disk}`, blk);
}

function diskName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return s;
}

function pciFunctions(tree: FakeTree, n: number): void {
  const config = buildConfigSpace({ vendor: 0x8086, device: 0x1572, subVendor: 0x8086, subDevice: 0x0001, classCode: 0x020000, revision: 2, msix: { size: 64 }, pcie: { speed: '8.0', width: 8, maxSpeed: '8.0', maxWidth: 8, maxPayload: 256 }, aer: {} });
  for (let i = 0; i < n; i++) {
    const bus = 0x40 + ((i >> 3) & 0x7f);
    const domain = 1 + (i >> 10);
    const bdf = `${domain.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}:00.${i & 7}`;
    writePciFunction(tree, {
      bdf, path: `sys/devices/pci${domain.toString(16).padStart(4, '0')}:${bus.toString(16).padStart(2, '0')}/${bdf}`, vendor: 0x8086, device: 0x1572, subVendor: 0x8086,
      subDevice: 0x0001, classCode: 0x020000, revision: 2, driver: 'i40e', module: 'i40e', iommuGroup: i, numa: 0, cpulist: '0-15', irq: 16,
      link: { speed: '8.0', width: 8, maxSpeed: '8.0', maxWidth: 8 }, aer: {}, config,
    });
  }
}

const GNU_TIME = existsSync('/usr/bin/time');

/** Wall time, and CPU time (user + system, from GNU time) which a busy machine disturbs far less. */
function run(args: string[]): { ms: number; cpuMs: number; stdout: string } {
  const t0 = performance.now();
  const argv = GNU_TIME ? ['/usr/bin/time', '-f', 'CPU %U %S', process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1 && !(args[0] === "analyze" && r.status === 3)) throw new Error(`fwsnap ${args[0]} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : ms, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(n: number): { wall: number; cpu: number } {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-scale-'));
  try {
    const tree = new FakeTree(join(dir, 'root'));
    for (let i = 0; i < n; i++) ataDisk(tree, i);
    pciFunctions(tree, n);
    const bundle = join(dir, 'b.tar.gz');
    const c = run(['collect', '--root', join(dir, 'root'), '--only', 'pci,ata', '-o', bundle, '--timeout', '120']);
    const runs = (process.env.FWSNAP_BENCH_KEEP ? [0] : [0, 1, 2]).map(() => run(['analyze', bundle, '--format', 'json', '--min-severity', 'info']));
    const report = JSON.parse(runs[0]!.stdout) as { findings?: unknown[] };
    const devices = 2 * n;
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    console.log(`${n} ATA disks + ${n} PCI functions: collect ${(c.ms / 1000).toFixed(1)} s; analyze median wall ${(ms / 1000).toFixed(2)} s, CPU ${(cpu / 1000).toFixed(2)} s; per device ${(ms / devices).toFixed(2)} ms wall, ${(cpu / devices).toFixed(2)} ms CPU; ${report.findings?.length ?? '?'} findings`);
    return { wall: ms / devices, cpu: cpu / devices };
  } finally {
    if (process.env.FWSNAP_BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const small = measure(SMALL);
const large = measure(LARGE);
const wall = large.wall / small.wall;
const cpu = large.cpu / small.cpu;
console.log(`time per device at ${LARGE} / at ${SMALL}: wall ${wall.toFixed(2)}, CPU ${cpu.toFixed(2)} (target < 1.5): ${cpu < 1.5 ? 'met' : 'NOT met'}`);
