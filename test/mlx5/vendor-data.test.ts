import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { analyze } from '../../analyzer/analyze.js';
import { DEFAULT_MLXCONFIG_DB } from '../../analyzer/classes/mlx5/config-db.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { tempDir } from '../helpers/tmp.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

describe('the mlxconfig database of the NV-constraint rule', () => {
  let tree: string;
  beforeAll(async () => {
    tree = await fakehostCopy();
  });

  it('when the rule runs without it, the report says so at the top, not only in a skip line', async () => {
    const path = join(tempDir(), 'fh.tar.gz');
    await collect({ output: path, root: tree, isolation: 'inline' });
    const r = await analyze({ bundles: [path], vendorOptions: { mlxconfigDb: '/nonexistent/mlxconfig_host.db' } });
    expect(r.report.notices).toEqual([
      expect.stringMatching(/^fakehost: analysed without mlxconfig-db, needed for checking ConnectX NV configuration against the vendor's constraints and value names \(rules [^)]*\): \/nonexistent\/mlxconfig_host\.db could not be read \(ENOENT\); the NV configuration was not checked/),
    ]);
    // Right under the summary line, before anything else.
    expect(renderText(r.report).split('\n')[2]).toMatch(/^WARNING: fakehost: analysed without mlxconfig-db/);
    expect(renderMarkdown(r.report).split('\n')[4]).toMatch(/^> \*\*Warning:\*\* fakehost: analysed without mlxconfig-db/);
    expect(r.report.skipped.some((s) => s.rule === 'mlx5.nvconfig-constraints')).toBe(true);
  });

  it.skipIf(!existsSync(DEFAULT_MLXCONFIG_DB))("uses the host's copy the collector stored, named with origin bundle and its sha256", async () => {
    const db = readFileSync(DEFAULT_MLXCONFIG_DB);
    const at = join(tree, DEFAULT_MLXCONFIG_DB);
    mkdirSync(dirname(at), { recursive: true });
    writeFileSync(at, db);
    const path = join(tempDir(), 'fh.tar.gz');
    await collect({ output: path, root: tree, isolation: 'inline' });
    const r = await analyze({ bundles: [path] });
    const v = r.report.bundles[0]!.vendorData.find((x) => x.name === 'mlxconfig-db');
    expect(v).toMatchObject({ origin: 'bundle', path: DEFAULT_MLXCONFIG_DB.slice(1), sha256: sha256(db) });
    expect(r.report.findings.filter((f) => f.rule === 'mlx5.nvconfig-constraints').length).toBeGreaterThan(0);
    expect(r.report.notices).toEqual([]);
    // An explicit --mlxconfig-db still wins, and is named as such.
    const o = await analyze({ bundles: [path], vendorOptions: { mlxconfigDb: DEFAULT_MLXCONFIG_DB } });
    expect(o.report.bundles[0]!.vendorData.find((x) => x.name === 'mlxconfig-db')).toMatchObject({ origin: 'option', path: DEFAULT_MLXCONFIG_DB });
  });
});
