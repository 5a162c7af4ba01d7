/**
 * What `fwsnap import` and `collect --root` say of what they are given that is not what they read: a bundle, a
 * folder of bundles, an archived captured tree. And a report archived from inside its folder
 * (`tar -C sosreport-… -czf r.tar.gz .`, whose first entry is `./`) is a report: it was read with `./` as its top
 * directory, and every entry fell outside it.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { sosMarkers, writeReport } from './report-builder.js';

// A real ethtool -i output (a copy of the nic class's sample, with its provenance).
const ETHTOOL = readFileSync(new URL('./fixtures/mlx5-cx4lx-ethq8.txt', import.meta.url).pathname);
const TOP = 'sosreport-host-2026-12-01-abcdefg';

/** `tar -C dir -czf out .`: the folder's contents, `./` first. */
function tarContents(dir: string, out: string): string {
  const r = spawnSync('tar', ['-C', dir, '-czf', out, '.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return out;
}

describe('import and collect --root given something else', () => {
  it('imports a report archived from inside its folder (./ first)', async () => {
    const dir = tempDir();
    const root = writeReport(dir, TOP, { ...sosMarkers('4.12'), 'sos_commands/networking/ethtool_-i_p3p1': ETHTOOL });
    const archive = tarContents(root, join(dir, 'report.tar.gz'));
    const r = await runCli(['import', archive, '-o', join(dir, 'b.tar.gz')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('report: sosreport 4.12.0');
    const an = await runCli(['analyze', join(dir, 'b.tar.gz'), '--format', 'json', '--min-severity', 'info']);
    expect(an.stdout).toContain('14.23.1020');
  });

  it('names a bundle, a folder of bundles and an archived captured tree given to import', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'cmd', 'ethtool'), { recursive: true });
    writeFileSync(join(tree, 'cmd', 'ethtool', '-i_p3p1.out'), ETHTOOL);
    const bundle = join(dir, 'host7.tar.gz');
    await collect({ output: bundle, root: tree, isolation: 'inline' });
    const folder = join(dir, 'bundles');
    mkdirSync(folder);
    copyFileSync(bundle, join(folder, 'host7.tar.gz'));
    const archivedTree = tarContents(tree, join(dir, 'tree.tar.gz'));

    const b = await runCli(['import', bundle]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`it is an fwsnap bundle (it holds manifest.json), which \`fwsnap analyze ${bundle}\` reads as it is`);
    const f = await runCli(['import', folder]);
    expect(f.status).toBe(2);
    expect(f.stderr).toContain(`it holds bundles, which \`fwsnap analyze ${folder}\` (or \`fwsnap fleet ${folder}\`) reads`);
    const t = await runCli(['import', archivedTree]);
    expect(t.status).toBe(2);
    expect(t.stderr).toContain('it is laid out as a captured tree (cmd/), which `fwsnap collect --root` reads as an extracted folder');
  });

  it('collect --root of a bundle says what reads it (a text file is read: test/cli/text-as-input)', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'cmd', 'ethtool'), { recursive: true });
    writeFileSync(join(tree, 'cmd', 'ethtool', '-i_p3p1.out'), ETHTOOL);
    const bundle = join(dir, 'host7.tar.gz');
    await collect({ output: bundle, root: tree, isolation: 'inline' });

    const g = await runCli(['collect', '--root', bundle, '-o', join(dir, 'x.tar.gz')]);
    expect(g.status).toBe(2);
    expect(g.stderr).toContain(`not a directory; it is gzip-compressed: a bundle fwsnap wrote is read as it is by \`fwsnap analyze ${bundle}\``);
  });
});
