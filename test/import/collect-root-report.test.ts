/**
 * `collect --root` given a sosreport or supportconfig: its outputs lie under sos_commands/ (or in supportconfig's
 * .txt files), where a captured tree keeps none, so collecting it as a tree gave a bundle of nothing with status 0.
 * It is read as `fwsnap import` reads it; options that choose sources of a host are refused; a report inside a tree
 * is named, not passed over.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from '../../collector/classes/index.js';
import { openBundle } from '../collector/bundle-entries.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { packReport, sosMarkers, writeReport } from './report-builder.js';

// A real ethtool -i output (a copy of a sample of the real-output corpus, with its provenance).
const ETHTOOL = readFileSync(new URL('./fixtures/mlx5-cx4lx-ethq8.txt', import.meta.url));
const TOP = 'sosreport-host-2026-12-01-abcdefg';

/** The bundle's verified entry names, but the manifest. */
const entries = async (bundle: string): Promise<string[]> => [...(await openBundle(bundle)).entries.keys()].filter((n) => n !== 'manifest.json').sort();

function sosDir(dir: string): string {
  return writeReport(dir, TOP, { ...sosMarkers('4.12'), 'sos_commands/networking/ethtool_-i_p3p1': ETHTOOL });
}

describe('collect --root REPORT and check --root REPORT', () => {
  it('reads an extracted sosreport as fwsnap import does, and says so', async () => {
    const dir = tempDir();
    const root = sosDir(dir);
    const c = await runCli(['collect', '--root', root, '-o', join(dir, 'c.tar.gz')]);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain(`--root ${root} is a sosreport: read as \`fwsnap import\` reads it`);
    expect(c.stdout).toContain('report: sosreport 4.12.0');
    const i = await runCli(['import', root, '-o', join(dir, 'i.tar.gz')]);
    expect(i.status, i.stderr).toBe(0);
    expect(await entries(join(dir, 'c.tar.gz'))).toEqual(await entries(join(dir, 'i.tar.gz')));
    expect((await entries(join(dir, 'c.tar.gz'))).some((n) => n.startsWith('cmd/ethtool/'))).toBe(true);
    const q = await runCli(['query', join(dir, 'c.tar.gz'), "SELECT version FROM firmware WHERE component = 'firmware'", '--format', 'csv']);
    expect(q.stdout).toContain('14.23.1020');
  });

  it('reads a report archive given as --root', async () => {
    const dir = tempDir();
    sosDir(dir);
    const archive = packReport(dir, TOP, 'xz', join(dir, `${TOP}.tar.xz`));
    const c = await runCli(['collect', '--root', archive, '-o', join(dir, 'c.tar.gz')]);
    expect(c.status, c.stderr).toBe(0);
    expect((await entries(join(dir, 'c.tar.gz'))).some((n) => n.startsWith('cmd/ethtool/'))).toBe(true);
  });

  it('refuses, with status 2 and one line, an option that chooses sources of a host, and writes nothing', async () => {
    const dir = tempDir();
    const root = sosDir(dir);
    const source = SOURCE_NAMES[0]!;
    for (const opts of [['--only', source], ['--skip', source], ['--include-eeprom'], ['--include-gpu']]) {
      const c = await runCli(['collect', '--root', root, ...opts, '-o', join(dir, 'x.tar.gz')]);
      expect(c.status, opts.join(' ')).toBe(2);
      expect(c.stderr.trim().split('\n'), opts.join(' ')).toHaveLength(1);
      expect(c.stderr).toContain(`${opts[0]} chooses what is read of a host or a captured tree`);
    }
    expect(existsSync(join(dir, 'x.tar.gz'))).toBe(false);
  });

  it('check --root REPORT reads it the same way and judges it; --include-gpu is refused', async () => {
    const dir = tempDir();
    const root = sosDir(dir);
    const c = await runCli(['check', '--root', root, '--format', 'json', '--min-severity', 'info']);
    expect(c.status === 0 || c.status === 1, c.stderr).toBe(true);
    expect(c.stderr).toContain(`--root ${root} is a sosreport: read as \`fwsnap import\` reads it`);
    expect(c.stdout).toContain('14.23.1020');
    expect(c.stdout).toContain(`report ${root} (bundle not kept)`);
    const g = await runCli(['check', '--root', root, '--include-gpu']);
    expect(g.status).toBe(2);
    expect(g.stderr.trim().split('\n')).toHaveLength(1);
    expect(g.stderr).toContain('--include-gpu chooses what is read of a host or a captured tree');
  });

  it('names a report folder or archive inside a captured tree instead of passing over it', async () => {
    const dir = tempDir();
    sosDir(dir);
    writeFileSync(join(dir, 'sosreport-other-2026-12-02.tar.xz'), 'not really xz');
    const c = await runCli(['collect', '--root', dir, '-o', join(dir, 'c.tar.gz')]);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain(`${TOP}: not read and not kept: it is a sosreport or supportconfig`);
    expect(c.stdout).toContain('sosreport-other-2026-12-02.tar.xz: not read: its name is that of a sosreport or supportconfig archive');
    // The archive is kept (nothing given is lost); the report folder is named, and not copied in whole.
    expect(await entries(join(dir, 'c.tar.gz'))).toContain('unread/sosreport-other-2026-12-02.tar.xz');
    expect((await entries(join(dir, 'c.tar.gz'))).some((n) => n.includes('sos_commands'))).toBe(false);
  });
});
