import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { tempDir } from '../helpers/tmp.js';
import { parseFabricManagerVersion } from '../../analyzer/classes/gpu/fabric-manager.js';
import { commandAllowed } from '../../collector/command-allowlist.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

describe('nv-fabricmanager --version', () => {
  it('reads the version off a real output (provenance beside it)', () => {
    const p = parse(readFileSync(`${REAL}nv-fabricmanager-version-450.provenance.yaml`, 'utf8')) as { command: string; source: { url: string }; truth: { version: string } };
    expect(p.command).toBe('nv-fabricmanager --version');
    expect(p.source.url).toMatch(/^https:\/\/github\.com\//);
    expect(parseFabricManagerVersion(readFileSync(`${REAL}nv-fabricmanager-version-450.txt`, 'utf8'))).toEqual({ version: p.truth.version, issues: [] });
  });

  it('ignores blank lines and records any other line with its number, keeping the version', () => {
    expect(parseFabricManagerVersion('\n\n\tFabric Manager version is : 535.161.08\n\n')).toEqual({ version: '535.161.08', issues: [] });
    const r = parseFabricManagerVersion('nv-fabricmanager: unrecognized option\nFabric Manager version is : 535.161.08\nFabric Manager version is : 1.2\n');
    expect(r.version).toBe('535.161.08');
    expect(r.issues.map((i) => i.line)).toEqual([1, 3]);
    expect(parseFabricManagerVersion('')).toEqual({ issues: [] });
  });

  it('is allowed only as --version: any other invocation starts the daemon', () => {
    expect(commandAllowed(['nv-fabricmanager', '--version'])).toBe(true);
    for (const bad of [['nv-fabricmanager'], ['nv-fabricmanager', '-c', '/usr/share/nvidia/nvswitch/fabricmanager.cfg'], ['nv-fabricmanager', '--version', '-c', 'x'], ['nv-fabricmanager', '-r']]) expect(commandAllowed(bad), bad.join(' ')).toBe(false);
  });
});

describe('nv-fabricmanager --version saved under a name that does not say --version', () => {
  const fm = readFileSync(`${REAL}nv-fabricmanager-version-450.txt`, 'utf8');
  const table = readFileSync(`${REAL}nvidia-smi-table-l4-550-gls-simulator.txt`, 'utf8');

  it.each(['nv-fabricmanager.txt', 'cmd/nv-fabricmanager/output.out', 'nv-fabricmanager-host1.log', 'cmd/nv-fabricmanager/--version.out'])('%s beside a GPU gives its Fabric Manager version', async (name) => {
    const root = mkdtempSync(join(tempDir(), 'fm-'));
    writeTree(root, { 'nvidia-smi.txt': table, [name]: fm });
    await collect({ output: `${root}.tar.gz`, root, only: ['gpu'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    try {
      await loadBundle(db, `${root}.tar.gz`);
      const values = db.prepare(`SELECT DISTINCT value FROM settings WHERE namespace = 'gpu' AND key = 'fabric_manager_version'`).all();
      expect(values).toEqual([{ value: '450.102.04' }]);
    } finally {
      db.close();
    }
  });

  it('a text of the daemon that holds no version line is left to the files not read', async () => {
    const root = mkdtempSync(join(tempDir(), 'fm-'));
    writeTree(root, { 'nvidia-smi.txt': table, 'nv-fabricmanager.txt': 'Fabric Manager running\n' });
    const { manifest } = await collect({ output: `${root}.tar.gz`, root, only: ['gpu'], isolation: 'inline' });
    expect(manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => i.target)).toEqual(['nv-fabricmanager.txt']);
  });
});
