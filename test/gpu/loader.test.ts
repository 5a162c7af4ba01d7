import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-gpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];

const RULES = loadRules(fileURLToPath(new URL('../../rules/gpu', import.meta.url)));

async function collectAndLoad(root: string, name: string): Promise<{ db: Db; status: string; findings: string[] }> {
  const r = await collect({ output: join(dir, `${name}.tar.gz`), root, only: ['gpu'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, r.path);
  const findings = runRules(db, bundleId, RULES).filter((o) => o.result === 'fail').map((o) => `${o.ruleId} ${o.deviceKey}`);
  return { db, status: r.manifest.sources.find((s) => s.name === 'gpu')!.status, findings };
}

// The proc files in the driver's layout (nv-procfs.c: nv_procfs_read_version, nv_procfs_read_gpu_info).
const VERSION = 'NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  535.54.03  Release Build  (dvs-builder@U16-T02-35-3)  Tue Jun  6 22:20:39 UTC 2023\nGCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n';
const INFORMATION = [
  'Model: \t\t NVIDIA A100-SXM4-80GB', 'IRQ:   \t\t 150', 'GPU UUID: \t GPU-513536b6-7d19-9063-b049-1e69664bb298', 'Video BIOS: \t 92.00.36.00.02',
  'Bus Type: \t PCIe', 'DMA Size: \t 47 bits', 'DMA Mask: \t 0x7fffffffffff', 'Bus Location: \t 0000:01:00.0', 'Device Minor: \t 0', 'GPU Firmware: \t 535.54.03', 'GPU Excluded:\t No', '',
].join('\n');

function host(root: string, o: { smi?: boolean; firmware?: string[]; gspInProc?: string } = {}): void {
  writeTree(root, {
    'proc/driver/nvidia/version': VERSION,
    'sys/module/nvidia/version': '535.54.03\n',
    'proc/driver/nvidia/gpus/0000:01:00.0/information': o.gspInProc ? INFORMATION.replace('GPU Firmware: \t 535.54.03', `GPU Firmware: \t ${o.gspInProc}`) : INFORMATION,
    ...Object.fromEntries((o.firmware ?? ['gsp_ga10x.bin', 'gsp_tu10x.bin']).map((f) => [`lib/firmware/nvidia/535.54.03/${f}`, 'not the image\n'])),
    ...(o.smi ? { 'cmd/nvidia-smi/-q_-x.out': readFileSync(`${REAL}nvidia-smi-q-x-a100-sxm4-v12.xml`, 'utf8') } : {}),
  });
}

describe('gpu source and loader', () => {
  it('loads nvidia-smi -q -x and the proc files into one gpu device under its PCI function', async () => {
    const root = join(dir, 'a100');
    host(root, { smi: true });
    const { db, status, findings } = await collectAndLoad(root, 'a100');
    expect(status).toBe('ok');
    // Persistence mode is Disabled on this A100; GSP equals the module, the images are there, nothing pending.
    expect(findings).toEqual(['gpu.nvidia.persistence-mode-off-datacenter gpu:0000:01:00.0']);
    expect(rows(db, `SELECT device_key, class, pci_address, parent_key, model, serial FROM devices WHERE class = 'gpu'`)).toEqual([
      { device_key: 'gpu:0000:01:00.0', class: 'gpu', pci_address: '0000:01:00.0', parent_key: '0000:01:00.0', model: 'NVIDIA A100-SXM4-80GB', serial: '1650522003820' },
    ]);
    expect(rows(db, `SELECT component, version FROM firmware WHERE device_key = 'gpu:0000:01:00.0' ORDER BY component`)).toEqual([
      { component: 'gsp', version: '535.54.03' },
      { component: 'inforom.ecc', version: '6.16' },
      { component: 'inforom.img', version: 'G506.0212.00.01' },
      { component: 'inforom.oem', version: '2.0' },
      { component: 'vbios', version: '92.00.36.00.02' },
    ]);
    expect(rows(db, `SELECT key, mode, value FROM settings WHERE device_key = 'gpu:0000:01:00.0' AND key IN ('ecc_mode', 'mig_mode', 'module_version', 'open_kernel_module', 'firmware_files', 'driver_version', 'persistence_mode') ORDER BY key, mode`)).toEqual([
      { key: 'driver_version', mode: 'current', value: '535.54.03' },
      { key: 'ecc_mode', mode: 'current', value: 'Enabled' },
      { key: 'ecc_mode', mode: 'next_boot', value: 'Enabled' },
      { key: 'firmware_files', mode: 'current', value: 'gsp_ga10x.bin,gsp_tu10x.bin' },
      { key: 'mig_mode', mode: 'current', value: 'Enabled' },
      { key: 'mig_mode', mode: 'next_boot', value: 'Enabled' },
      { key: 'module_version', mode: 'current', value: '535.54.03' },
      { key: 'open_kernel_module', mode: 'current', value: '1' },
      { key: 'persistence_mode', mode: 'current', value: 'Disabled' },
    ]);
  });

  it('stores the firmware directory by names only (no image bytes)', async () => {
    const root = join(dir, 'names');
    host(root, { firmware: ['gsp_ga10x.bin', 'gsp_tu10x.bin', 'nested/x.bin'] });
    const r = await collect({ output: join(dir, 'names.tar.gz'), root, only: ['gpu'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, r.path);
    expect(rows(db, `SELECT value FROM settings WHERE key = 'firmware_files'`)).toEqual([{ value: 'gsp_ga10x.bin,gsp_tu10x.bin' }]);
    expect(rows(db, `SELECT count(*) AS n FROM collection_issues WHERE target LIKE '%gsp_%'`)).toEqual([{ n: 0 }]);
  });

  it('without nvidia-smi, the proc information file gives VBIOS and GSP; a GSP/module mismatch fires the rule', async () => {
    const root = join(dir, 'proc-only');
    host(root, { gspInProc: '535.104.05' });
    const { db, findings } = await collectAndLoad(root, 'proc-only');
    expect(findings).toEqual(['gpu.nvidia.gsp-firmware-differs-from-driver gpu:0000:01:00.0']);
    expect(rows(db, `SELECT component, version FROM firmware WHERE device_key = 'gpu:0000:01:00.0' ORDER BY component`)).toEqual([
      { component: 'gsp', version: '535.104.05' },
      { component: 'vbios', version: '92.00.36.00.02' },
    ]);
    expect(rows(db, `SELECT value FROM settings WHERE key = 'uuid'`)).toEqual([{ value: 'GPU-513536b6-7d19-9063-b049-1e69664bb298' }]);
  });

  it('an older driver\'s information file says "Blacklisted:" for "GPU Excluded:" (real Tesla K80 on Colab, see its provenance)', async () => {
    const root = join(dir, 'k80');
    writeTree(root, {
      'proc/driver/nvidia/version': VERSION,
      'proc/driver/nvidia/gpus/0000:00:04.0/information': readFileSync(`${REAL}nvidia-proc-information-k80-blacklisted.txt`, 'utf8'),
    });
    const { db } = await collectAndLoad(root, 'k80');
    expect(rows(db, `SELECT device_key, model FROM devices WHERE class = 'gpu'`)).toEqual([{ device_key: 'gpu:0000:00:04.0', model: 'Tesla K80' }]);
    expect(rows(db, `SELECT component, version FROM firmware WHERE device_key = 'gpu:0000:00:04.0'`)).toEqual([{ component: 'vbios', version: '80.21.25.00.02' }]);
    expect(rows(db, `SELECT key, value FROM settings WHERE device_key = 'gpu:0000:00:04.0' AND key IN ('uuid', 'excluded') ORDER BY key`)).toEqual([
      { key: 'excluded', value: 'No' },
      { key: 'uuid', value: 'GPU-c6398fd0-9366-8e15-5d6a-369da852f85b' },
    ]);
  });

  it('a host without an NVIDIA or amdgpu GPU skips at once', async () => {
    const root = join(dir, 'none');
    writeTree(root, { 'proc/cpuinfo': 'processor\t: 0\n' });
    const r = await collect({ output: join(dir, 'none.tar.gz'), root, only: ['gpu'], isolation: 'inline' });
    expect(r.manifest.sources.find((s) => s.name === 'gpu')).toMatchObject({ status: 'skipped', reason: 'gpu: no NVIDIA driver loaded in the tree; amdgpu: no GPU bound to amdgpu' });
  });

  it('a bundle written before directory listings: a live collection with no GSP images fires the missing-files rule; a captured tree without /lib/firmware does not', async () => {
    const proc = readFileSync(`${REAL}nvidia-smi-q-x-a100-sxm4-v12.xml`, 'utf8');
    const artifacts = [
      { name: 'proc/driver/nvidia/version', data: VERSION, source: 'gpu' },
      { name: 'sys/module/nvidia/version', data: '535.54.03\n', source: 'gpu' },
      { name: 'cmd/nvidia-smi/-q_-x.out', data: proc, source: 'gpu' },
    ];
    const gpuSource = { name: 'gpu', status: 'ok' as const, durationMs: 1, devices: { gpu: 1 }, artifacts: 3 };
    const judge = async (name: string, collectedFrom: 'host' | 'tree'): Promise<string[]> => {
      const path = join(dir, `${name}.tar.gz`);
      await writeBundle(path, artifacts, { sources: [gpuSource], host: { hostname: 'gpuhost', kernelRelease: '6.1.0', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom } });
      const db = openDatabase(':memory:');
      const { bundleId } = await loadBundle(db, path);
      return runRules(db, bundleId, RULES).filter((o) => o.ruleId === 'gpu.nvidia.gsp-firmware-file-missing' && o.result === 'fail').map((o) => o.deviceKey!);
    };
    expect(await judge('live-empty', 'host')).toEqual(['gpu:0000:01:00.0']);
    expect(await judge('tree-empty', 'tree')).toEqual([]);
  });

  it('the firmware directory is recorded as listed: empty or absent fires the missing-files rule, images present pass it, a tree without /lib/firmware leaves it not applicable; the extracted bundle replays each exactly', async () => {
    const LISTING = 'lib/firmware/nvidia/535.54.03/.listing';
    const trees: Record<string, Parameters<typeof writeTree>[1]> = {
      empty: { 'lib/firmware/nvidia/535.54.03': { dir: true } },
      absent: { 'lib/firmware/nvidia/550.54.14/gsp_ga10x.bin': '' },
      present: { 'lib/firmware/nvidia/535.54.03/gsp_ga10x.bin': '', 'lib/firmware/nvidia/535.54.03/gsp_tu10x.bin': '' },
      'not looked at': {},
    };
    const judged: Record<string, unknown> = {};
    for (const [name, extra] of Object.entries(trees)) {
      const root = join(dir, `fw-${name}`);
      host(root, { firmware: [] });
      writeTree(root, extra);
      const first = await collect({ output: join(dir, `fw-${name}.tar.gz`), root, only: ['gpu'], isolation: 'inline' });
      const again = join(dir, `fw-${name}-x`);
      mkdirSync(again);
      execFileSync('tar', ['-xzf', first.path, '-C', again]);
      const second = await collect({ output: join(dir, `fw-${name}-again.tar.gz`), root: again, only: ['gpu'], isolation: 'inline' });
      const listed = (m: typeof first.manifest): unknown[] => m.artifacts.filter((a) => a.name.startsWith(LISTING)).map((a) => [a.name, a.origin, a.sha256]);
      expect(listed(second.manifest), name).toEqual(listed(first.manifest));
      const db = openDatabase(':memory:');
      const { bundleId } = await loadBundle(db, second.path);
      const outcome = runRules(db, bundleId, RULES).filter((o) => o.ruleId === 'gpu.nvidia.gsp-firmware-file-missing').map((o) => `${o.deviceKey} ${o.result}`);
      judged[name] = [listed(first.manifest).map((a) => (a as string[])[0]), outcome, rows(db, `SELECT value FROM settings WHERE key = 'firmware_files'`)];
    }
    expect(judged).toEqual({
      empty: [[LISTING], ['gpu:0000:01:00.0 fail'], [{ value: '' }]],
      absent: [[LISTING, `${LISTING}.status`], ['gpu:0000:01:00.0 fail'], [{ value: '' }]],
      present: [[LISTING], ['gpu:0000:01:00.0 pass'], [{ value: 'gsp_ga10x.bin,gsp_tu10x.bin' }]],
      'not looked at': [[], [], []],
    });
  });
});
