import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadRequest } from '../../collector/host/reader.js';
import type { ReadOutcome } from '../../collector/fs-reader.js';
import { executeSource } from '../../collector/run/execute.js';
import { loadSource } from '../../collector/classes/index.js';
import { FABRIC_MANAGER_LOG_MAX, fabricManagerLogPath } from '../../collector/classes/gpu/fabric-manager-log.js';
import { FakeHostReader } from '../collector/fake-kernel/fake-host-reader.js';
import { writeTree } from '../faults/fault-helpers.js';

const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'fwsnap-fm-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const REAL = new URL('./fixtures/real/', import.meta.url);
const CONFIG = 'usr/share/nvidia/nvswitch/fabricmanager.cfg';

/** A live-looking host whose reads are recorded: what the gpu source opens is what it would open on a real host. */
class RecordingHost extends FakeHostReader {
  readonly opened: { path: string; req: ReadRequest }[] = [];
  constructor(root: string) {
    super(root, () => {
      throw new Error('the gpu source sends no ioctl');
    });
  }
  override readFile(path: string, req: ReadRequest): ReadOutcome {
    this.opened.push({ path, req });
    return super.readFile(path, req);
  }
}

async function collectFrom(files: Parameters<typeof writeTree>[1]): Promise<{ host: RecordingHost; artifacts: Map<string, { bytes: number; truncated: boolean }>; issues: string[] }> {
  const root = mkdtempSync(join(dir, 'host-'));
  writeTree(root, { 'sys/module/nvidia/version': '535.104.05\n', ...files });
  const host = new RecordingHost(root);
  const artifacts = new Map<string, { bytes: number; truncated: boolean }>();
  const issues: string[] = [];
  await executeSource(await loadSource('gpu'), { root, includeEeprom: false, includeGpu: false, reader: host }, (m) => {
    if (m.type === 'artifact') artifacts.set(m.name, { bytes: m.data.length, truncated: m.truncated });
    else if (m.type === 'issue') issues.push(`${m.issue.target} ${m.issue.code}: ${m.issue.message}`);
  });
  return { host, artifacts, issues };
}

describe('the Fabric Manager log\'s path: LOG_FILE_NAME of fabricmanager.cfg, allow-listed', () => {
  it('is /var/log/fabricmanager.log without a configuration or without the key', () => {
    expect(fabricManagerLogPath(undefined)).toEqual({ path: '/var/log/fabricmanager.log' });
    expect(fabricManagerLogPath('# LOG_FILE_NAME=/var/log/other-fabricmanager.log\nLOG_LEVEL=4\n')).toEqual({ path: '/var/log/fabricmanager.log' });
  });

  it('follows the last LOG_FILE_NAME= when it names a *fabricmanager*.log under /var/log', () => {
    expect(fabricManagerLogPath('LOG_FILE_NAME=/var/log/fabricmanager.log\nLOG_FILE_NAME = /var/log/nvidia/fabricmanager-node0.log \n')).toEqual({ path: '/var/log/nvidia/fabricmanager-node0.log' });
  });

  it('refuses any other path, and reads nothing for an empty value (the log then goes to the console)', () => {
    for (const bad of ['/etc/shadow', '/var/log/fm.log', '/var/log/../../etc/fabricmanager.log', '/var/log/./fabricmanager.log', 'fabricmanager.log', '/var/log/fabricmanager.log.1', '/dev/kmsg', '/var/log/fabricmanager.log;rm'])
      expect(fabricManagerLogPath(`LOG_FILE_NAME=${bad}\n`), bad).toEqual({ refused: bad });
    expect(fabricManagerLogPath('LOG_FILE_NAME=\n')).toHaveProperty('none');
  });
});

describe('gpu source: the Fabric Manager log', () => {
  it('keeps the last 256 KiB of a longer log, marked truncated, read as a plain file (no --include-gpu needed)', async () => {
    const line = '[Feb 27 2025 14:10:02] [INFO] [tid 1808] multicast group 1 is allocated.\n';
    const r = await collectFrom({ 'var/log/fabricmanager.log': line.repeat(Math.ceil((FABRIC_MANAGER_LOG_MAX * 1.5) / line.length)) });
    expect(r.artifacts.get('var/log/fabricmanager.log')).toEqual({ bytes: FABRIC_MANAGER_LOG_MAX, truncated: true });
    expect(r.host.opened.find((o) => o.path === '/var/log/fabricmanager.log')?.req).toMatchObject({ maxBytes: FABRIC_MANAGER_LOG_MAX, tail: true });
    expect(r.issues).toEqual([]);
  });

  it('reads the log where the configuration puts it', async () => {
    const r = await collectFrom({ [CONFIG]: 'LOG_LEVEL=4\nLOG_FILE_NAME=/var/log/nvidia/fabricmanager.log\n', 'var/log/nvidia/fabricmanager.log': readFileSync(new URL('fabricmanager-log-nvswitch-errors.txt', REAL), 'utf8'), 'var/log/fabricmanager.log': 'old\n' });
    expect([...r.artifacts.keys()].filter((n) => n.startsWith('var/'))).toEqual(['var/log/nvidia/fabricmanager.log']);
    // The configuration is read to find the log, not stored.
    expect(r.artifacts.has(CONFIG)).toBe(false);
  });

  it('opens nothing a configuration names outside the allow-list, and says so', async () => {
    const r = await collectFrom({ [CONFIG]: 'LOG_FILE_NAME=/etc/shadow\n', 'etc/shadow': 'root:x:\n' });
    expect(r.host.opened.map((o) => o.path)).not.toContain('/etc/shadow');
    expect(r.issues).toEqual(['/usr/share/nvidia/nvswitch/fabricmanager.cfg NOT-ALLOWED: LOG_FILE_NAME /etc/shadow is not read: only a *fabricmanager*.log under /var/log is']);
  });

  it('stores nothing and records nothing on an NVIDIA host without the Fabric Manager', async () => {
    const r = await collectFrom({});
    // Besides the module version, only the listing of the release's firmware directory, recorded as missing.
    expect([...r.artifacts.keys()]).toEqual(['sys/module/nvidia/version', 'lib/firmware/nvidia/535.104.05/.listing', 'lib/firmware/nvidia/535.104.05/.listing.status']);
    expect(r.issues).toEqual([]);
  });
});

describe('gpu loader: what the Fabric Manager log recorded, on every GPU of the host', () => {
  it('loads a real refusal and the NVSwitch errors of a collected tree as settings', async () => {
    const { collect } = await import('../../collector/collect.js');
    const { openDatabase } = await import('../../analyzer/db/database.js');
    const { loadBundle } = await import('../../analyzer/load/load-bundle.js');
    const tree = mkdtempSync(join(dir, 'tree-'));
    const log = [readFileSync(new URL('fabricmanager-log-nvswitch-errors.txt', REAL), 'utf8'), readFileSync(new URL('fabricmanager-journal-refusals.txt', REAL), 'utf8').split('\n')[0]!, ''].join('');
    writeTree(tree, {
      'sys/module/nvidia/version': '530.41.03\n',
      'proc/driver/nvidia/gpus/0000:07:00.0/information': 'Model: \t\t NVIDIA A100-SXM4-80GB\nBus Location: \t 0000:07:00.0\n',
      'proc/driver/nvidia/gpus/0000:0f:00.0/information': 'Model: \t\t NVIDIA A100-SXM4-80GB\nBus Location: \t 0000:0f:00.0\n',
      'var/log/fabricmanager.log': log,
    });
    const out = join(dir, 'fm.tar.gz');
    await collect({ output: out, root: tree, only: ['gpu'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    const rows = db.prepare(`SELECT device_key, key, value FROM settings WHERE key LIKE 'fabric_manager_log_%' ORDER BY device_key, key`).all() as { device_key: string; key: string; value: string }[];
    const of = (device: string): Record<string, string> => Object.fromEntries(rows.filter((r) => r.device_key === device).map((r) => [r.key, r.value]));
    expect(of('gpu:0000:07:00.0')).toEqual({
      fabric_manager_log_configured: '0',
      fabric_manager_log_interface_version: '530.30.02',
      fabric_manager_log_nvswitch_fatal: '20034',
      fabric_manager_log_nvswitch_non_fatal: '12028',
      fabric_manager_log_refused_driver: '530.41.03',
      fabric_manager_log_topology_refused: '0',
    });
    expect(of('gpu:0000:0f:00.0')).toEqual(of('gpu:0000:07:00.0'));
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues`).get()).toEqual({ n: 0 });
  });
});
