import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandReply, ReadRequest } from '../../collector/host/reader.js';
import type { ReadOutcome } from '../../collector/fs-reader.js';
import { executeSource } from '../../collector/run/execute.js';
import { loadSource } from '../../collector/classes/index.js';
import { FakeHostReader } from '../collector/fake-kernel/fake-host-reader.js';
import { ensureBuilt, readManifest, runCli, writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-include-gpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A live-looking host (not a captured tree) whose files are a tree in the driver's layout and whose commands are
 * recorded, never executed: what the gpu source reads and runs is what it would read and run on a real host.
 */
class RecordingHost extends FakeHostReader {
  readonly ran: string[] = [];
  readonly opened: string[] = [];
  constructor(root: string, private readonly tools: ReadonlySet<string>) {
    super(root, () => {
      throw new Error('the gpu source sends no ioctl');
    });
  }
  override readFile(path: string, req: ReadRequest): ReadOutcome {
    this.opened.push(path);
    return super.readFile(path, req);
  }
  override hasCommand(tool: string): boolean {
    return this.tools.has(tool);
  }
  override run(argv: string[]): CommandReply {
    this.ran.push(argv.join(' '));
    const stdout = argv[0] === 'nv-fabricmanager' ? 'Fabric Manager version is : 535.54.03\n' : '<nvidia_smi_log></nvidia_smi_log>\n';
    return { ran: true, stdout: Buffer.from(stdout), stderr: Buffer.alloc(0), exitStatus: 0, truncated: false };
  }
}

const INFORMATION = 'proc/driver/nvidia/gpus/0000:01:00.0/information';
const root = join(dir, 'host');
writeTree(root, {
  'proc/driver/nvidia/version': 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.54.03  Tue Jun  6 22:20:39 UTC 2023\n',
  'sys/module/nvidia/version': '535.54.03\n',
  [INFORMATION]: 'Model: \t\t NVIDIA A100-SXM4-80GB\nBus Location: \t 0000:01:00.0\n',
  'lib/firmware/nvidia/535.54.03/gsp_ga10x.bin': 'x',
});

async function collectGpu(includeGpu: boolean): Promise<{ host: RecordingHost; artifacts: string[]; devices: string[]; status?: string }> {
  const host = new RecordingHost(root, new Set(['nvidia-smi', 'nv-fabricmanager']));
  const artifacts: string[] = [];
  const devices: string[] = [];
  let status: string | undefined;
  await executeSource(await loadSource('gpu'), { root, includeEeprom: false, includeGpu, reader: host }, (m) => {
    if (m.type === 'artifact') artifacts.push(m.name);
    else if (m.type === 'device') devices.push(`${m.cls} ${m.id}`);
    else if (m.type === 'done') status = m.status;
  });
  return { host, artifacts, devices, status };
}

describe('gpu source: reads that reach GPU firmware are opt-in (--include-gpu)', () => {
  it('by default reads only the driver\'s version, the firmware file names and the Fabric Manager\'s version', async () => {
    const r = await collectGpu(false);
    expect(r.status).toBe('ok');
    expect(r.host.ran).toEqual(['nv-fabricmanager --version']);
    expect(r.host.opened.filter((p) => p.includes('/gpus/'))).toEqual([]);
    expect(r.artifacts.sort()).toEqual(['cmd/nv-fabricmanager/--version.err', 'cmd/nv-fabricmanager/--version.out', 'lib/firmware/nvidia/535.54.03/.listing', 'lib/firmware/nvidia/535.54.03/gsp_ga10x.bin', 'proc/driver/nvidia/version', 'sys/module/nvidia/version']);
    // The GPU is still counted: listing /proc/driver/nvidia/gpus asks the driver nothing.
    expect(r.devices).toEqual(['gpu 0000:01:00.0']);
  });

  it('with --include-gpu also reads each GPU\'s information file and runs nvidia-smi -q -x, last', async () => {
    const r = await collectGpu(true);
    expect(r.status).toBe('ok');
    expect(r.host.ran).toEqual(['nv-fabricmanager --version', 'nvidia-smi -q -x']);
    expect(r.artifacts).toContain(INFORMATION);
    expect(r.artifacts).toContain('cmd/nvidia-smi/-q_-x.out');
  });
});

describe('gpu loader without --include-gpu data', () => {
  it('makes a GPU of each display-class PCI function bound to nvidia, with the driver\'s settings, so the firmware-file rules still judge it', async () => {
    const { collect } = await import('../../collector/collect.js');
    const { openDatabase } = await import('../../analyzer/db/database.js');
    const { loadBundle } = await import('../../analyzer/load/load-bundle.js');
    const tree = join(dir, 'default-bundle');
    const fn = 'sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0';
    const audio = 'sys/devices/pci0000:00/0000:00:01.0/0000:01:00.1';
    writeTree(tree, {
      'sys/module/nvidia/version': '535.54.03\n',
      'lib/firmware/nvidia/535.54.03/gsp_ga10x.bin': '',
      [`${fn}/vendor`]: '0x10de\n', [`${fn}/device`]: '0x20b2\n', [`${fn}/class`]: '0x030200\n',
      [`${fn}/driver`]: { link: '../../../../bus/pci/drivers/nvidia' },
      'sys/bus/pci/devices/0000:01:00.0': { link: `../../../${fn.slice(4)}` },
      // The GPU's audio function is bound to nvidia in no real host; a non-display class must not become a GPU anyway.
      [`${audio}/vendor`]: '0x10de\n', [`${audio}/device`]: '0x1aef\n', [`${audio}/class`]: '0x040300\n',
      [`${audio}/driver`]: { link: '../../../../bus/pci/drivers/nvidia' },
      'sys/bus/pci/devices/0000:01:00.1': { link: `../../../${audio.slice(4)}` },
    });
    const out = join(dir, 'default.tar.gz');
    await collect({ output: out, root: tree, only: ['pci', 'gpu'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    const q = (sql: string): unknown[] => db.prepare(sql).all();
    expect(q(`SELECT device_key, parent_key FROM devices WHERE class = 'gpu'`)).toEqual([{ device_key: 'gpu:0000:01:00.0', parent_key: '0000:01:00.0' }]);
    expect(q(`SELECT key, value FROM settings WHERE device_key = 'gpu:0000:01:00.0' ORDER BY key`)).toEqual([
      { key: 'firmware_files', value: 'gsp_ga10x.bin' },
      { key: 'module_version', value: '535.54.03' },
    ]);
  });
});

describe('fwsnap check --include-gpu: the same option as collect\'s', () => {
  it('is offered by check with collect\'s help text', async () => {
    ensureBuilt();
    const help = async (cmd: string): Promise<string | undefined> => /^\s*--include-gpu\s+(.*(?:\n\s{10,}\S.*)*)/m.exec((await runCli([cmd, '--help'])).stdout)?.[1]?.replace(/\s+/g, ' ');
    const check = await help('check');
    expect(check).toMatch(/nvidia-smi -q -x/);
    expect(check).toBe(await help('collect'));
  });

  it('reaches the collection: the kept bundle records includeGpu only when given', { timeout: 180_000 }, async () => {
    ensureBuilt();
    const kept = async (name: string, extra: string[]): Promise<{ includeGpu?: boolean; code: number | null; stderr: string }> => {
      const out = join(dir, name);
      const r = await runCli(['check', '--root', root, '-o', out, '--format', 'json', ...extra], { env: { NO_COLOR: '1' } });
      return { includeGpu: (await readManifest(out)).options.includeGpu, code: r.code, stderr: r.stderr };
    };
    const without = await kept('check-default.tar.gz', []);
    expect(without.stderr).not.toMatch(/error|unknown option/i);
    expect(without.includeGpu).toBeUndefined();
    const withGpu = await kept('check-gpu.tar.gz', ['--include-gpu']);
    expect(withGpu.includeGpu).toBe(true);
    expect(withGpu.code).toBe(without.code);
  });
});
