import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../bundle/format.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * A support engineer's tree of pasted outputs, as a new user builds it from docs/bundle-format.md: some saved
 * under names fwsnap reads, some not (a misspelt tool folder, a file beside cmd/, a hyphen for `_`, an ethtool
 * output other than -i, a tool fwsnap does not know). Nothing may vanish silently: each file not read is named
 * in collect's summary with the nearest name that is read, kept under unread/ byte for byte, and the collection succeeds.
 */
const REAL = 'test/nic/fixtures/real';
const FILES: Record<string, string> = {
  'cmd/ethtool/-i_ens5.out': `${REAL}/ethtool-i/ena-ec2-partly-indented.txt`,
  'cmd/ethtool/i_enp1s0.out': `${REAL}/ethtool-i/r8169-ethq3.txt`,
  'cmd/ethtol/-i_eno1.out': `${REAL}/ethtool-i/igb-i210-ethq22.txt`,
  // Saved loose at the top of the tree: read when its name starts with a tool's, or (naming none) when its lines are one tool's output.
  'ethtool-i-eno2.txt': `${REAL}/ethtool-i/tg3-forum-prompt.txt`,
  'eno3-from-ticket.txt': `${REAL}/ethtool-i/igb-i210-ethq22.txt`,
  // devinfo.out says no command, but its text is dev info's (versions:); notes.out says none and holds another tool's output.
  'cmd/devlink/devinfo.out': `${REAL}/devlink-dev-info/bnxt-bcm57508-first-info.txt`,
  'cmd/devlink/notes.out': `${REAL}/ethtool-i/nfp-oot-agilio.txt`,
  'cmd/ethtool/-k_eth3.out': `${REAL}/ethtool-i/nfp-oot-agilio.txt`,
};
const NOT_READ: Record<string, string | undefined> = {
  'cmd/ethtol/-i_eno1.out': 'cmd/ethtool/-i_eno1.out',
  'cmd/devlink/notes.out': undefined,
  'cmd/ethtool/-k_eth3.out': undefined,
  'cmd/mlxfwmanagr/--query.out': 'cmd/mlxfwmanager/--query.out',
};

function buildTree(): string {
  const root = tempDir();
  for (const [name, from] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    copyFileSync(from, join(root, name));
  }
  mkdirSync(join(root, 'cmd/mlxfwmanagr'), { recursive: true });
  writeFileSync(join(root, 'cmd/mlxfwmanagr/--query.out'), 'Querying Mellanox devices firmware ...\n');
  return root;
}

function extract(bundle: string): { dir: string; manifest: Manifest } {
  const dir = tempDir();
  const r = spawnSync('tar', ['-xzf', bundle, '-C', dir]);
  expect(r.status).toBe(0);
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest };
}

describe('collect --root: files no class read', () => {
  beforeAll(ensureBuilt);

  it('are named in the summary with the nearest name read, kept under unread/ byte for byte, and the collection succeeds', () => {
    const root = buildTree();
    const out = join(tempDir(), 'b.tar.gz');
    const r = fwsnap(['collect', '--root', root, '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`files of the tree no class read: ${Object.keys(NOT_READ).length} (each kept in the bundle under unread/)`);
    for (const [name, hint] of Object.entries(NOT_READ)) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`  ${name}: not read`));
      expect(line, name).toBeDefined();
      if (hint) expect(line, name).toContain(`did you mean ${hint}?`);
      else expect(line, name).not.toContain('did you mean');
    }
    for (const read of ['cmd/ethtool/-i_ens5.out', 'cmd/ethtool/i_enp1s0.out', 'ethtool-i-eno2.txt', 'cmd/devlink/devinfo.out']) expect(r.stdout).not.toContain(`  ${read}:`);
    // The outputs read are counted by tool; the devices they describe are made at analysis (the tree holds no sysfs to count them in).
    expect(r.stdout).toMatch(/^saved outputs read: 5 \(devlink 1, ethtool 4\); the devices they describe are made from their text by `fwsnap analyze`\nartifacts: /m);

    const { dir, manifest } = extract(out);
    const kept = manifest.artifacts.filter((a) => a.name.startsWith('unread/'));
    expect(kept.map((a) => a.name).sort()).toEqual(Object.keys(NOT_READ).map((n) => `unread/${n}`).sort());
    for (const a of kept) {
      const tree = a.name.slice('unread/'.length);
      expect(a.origin).toEqual({ kind: 'file', path: `/${tree}` });
      expect(readFileSync(join(dir, a.name))).toEqual(readFileSync(join(root, tree)));
    }
    expect(manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => i.target).sort()).toEqual(Object.keys(NOT_READ).sort());
    // The devlink and ethtool outputs under names no query has were found and kept: nothing failed to read, and the source says so.
    expect(manifest.sources.find((s) => s.name === 'nic')).toMatchObject({ status: 'partial', reason: '2 saved output(s) under a name it does not read; see issues' });
    expect(fwsnap(['verify', out]).status).toBe(0);
    // The outputs read are analysed as before (eno3-from-ticket.txt, naming no tool and no interface, by its lines and bus-info); the kept files are read by nothing.
    const q = fwsnap(['query', out, "SELECT device_key FROM devices WHERE class = 'net' ORDER BY device_key", '--format', 'csv']);
    expect(q.status, q.stderr).toBe(0);
    expect(q.stdout.trim().split('\n').slice(1)).toEqual(['net:eno2', 'net:enp1s0', 'net:ens5', 'net:pci/0000:02:00.0']);
  });

  it('an extracted bundle collected again keeps them under the same names, and names them again', () => {
    const first = join(tempDir(), 'a.tar.gz');
    expect(fwsnap(['collect', '--root', buildTree(), '-o', first]).status).toBe(0);
    const { dir, manifest } = extract(first);
    const again = join(tempDir(), 'b.tar.gz');
    const r = fwsnap(['collect', '--root', dir, '-o', again]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('  unread/cmd/ethtol/-i_eno1.out: not read: kept unread by an earlier collection; did you mean cmd/ethtool/-i_eno1.out?');
    const unread = (m: Manifest): string[] => m.artifacts.filter((a) => a.name.startsWith('unread/')).map((a) => `${a.name} ${a.sha256} ${JSON.stringify(a.origin)}`).sort();
    expect(unread(extract(again).manifest)).toEqual(unread(manifest));
  });

  it("with the class skipped, its tools' files are not named; a tool no class declares still is", () => {
    const out = join(tempDir(), 'b.tar.gz');
    const r = fwsnap(['collect', '--root', buildTree(), '-o', out, '--skip', 'nic']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('files of the tree no class read: 3');
    expect(r.stdout).toContain('  cmd/ethtol/-i_eno1.out: not read');
    // Loose at the top under its tool's name, it is the skipped class's as much as cmd/devlink/dev-info.out is.
    expect(r.stdout).not.toContain('ethtool-i-eno2.txt');
    expect(r.stdout).toContain('  eno3-from-ticket.txt: not read');
    expect(r.stdout).toContain('  cmd/mlxfwmanagr/--query.out: not read');
    expect(r.stdout).not.toContain('  cmd/devlink/dev-info.out');
  });
});
