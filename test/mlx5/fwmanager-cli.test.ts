/**
 * A firmware manager query as a person hands it over: saved under its name in a captured tree, `fwsnap collect --root`,
 * `fwsnap analyze`, then `fwsnap query` on the bundle — the CLI end to end, from the published bytes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';

const SAMPLE = new URL('./fixtures/real/fwmanager/cx6dx-mlnx-en-install-update-required.txt', import.meta.url).pathname;

describe('fwsnap collect --root, analyze and query over a saved mlxfwmanager run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-fwmanager-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = join(dir, 'ticket.tar.gz');
  beforeAll(() => {
    ensureBuilt();
    mkdirSync(join(dir, 'tree/cmd/mlxfwmanager'), { recursive: true });
    copyFileSync(SAMPLE, join(dir, 'tree/cmd/mlxfwmanager/mlxfwmanager.out'));
    const c = fwsnap(['collect', '--root', join(dir, 'tree'), '-o', bundle]);
    expect(c.status, c.stderr).toBe(0);
  }, 120_000);

  it('analyze lists the card with its firmware; the tool\'s "Update required" is no finding, the image its run burned (Done) and not yet running is', () => {
    const a = fwsnap(['analyze', '--min-severity', 'info', '--format', 'json', bundle]);
    expect(a.status, a.stderr).toBe(1);
    const out = JSON.parse(a.stdout) as { findings: { rule: string; severity: string; message: string }[] };
    expect(out.findings.map((f) => [f.rule, f.severity])).toEqual([['core.devlink-firmware-stored-differs', 'medium']]);
    expect(out.findings[0]!.message).toContain('running 22.31.1014, stored 22.33.1048');
    expect(a.stdout).toContain('MCX623106AN-CDA_Ax');
  }, 120_000);

  it('query reads the running firmware, the update image\'s versions and the tool\'s verdict', () => {
    const sql = `SELECT f.version AS running, i.value AS image, s.value AS status FROM firmware f
      JOIN settings i ON i.device_key = f.device_key AND i.namespace = 'mlx.update_image' AND i.key = 'firmware'
      JOIN settings s ON s.device_key = f.device_key AND s.namespace = 'mlx.device' AND s.key = 'update_status'
      WHERE f.device_key = '0000:d2:00.0' AND f.component = 'firmware' AND f.state = 'running'`;
    const q = fwsnap(['query', '--format', 'json', bundle, sql]);
    expect(q.status, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual([{ running: '22.31.1014', image: '22.33.1048', status: 'Update required' }]);
    // The image's version compares with the running one in the mlx5 scheme: it is newer, and that is all it is.
    const cmp = fwsnap(['query', '--format', 'json', bundle, `SELECT fw_cmp('22.31.1014', value, 'mlx5', '22') AS cmp FROM settings WHERE namespace = 'mlx.update_image' AND key = 'firmware'`]);
    expect(JSON.parse(cmp.stdout)).toEqual([{ cmp: -1 }]);
  }, 120_000);
});
