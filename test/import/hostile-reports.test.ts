import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectError } from '../../collector/collect.js';
import { importReport } from '../../collector/import/import-report.js';
import { REPORT_LIMITS, type ReportLimits } from '../../collector/import/report-reader.js';
import { tempDir } from '../helpers/tmp.js';
import { sosMarkers, writeReport } from './report-builder.js';

type Entry = { name: string; type?: 'file' | 'symlink' | 'link' | 'character-device' | 'directory'; data?: string | Buffer; linkname?: string };

async function tarGz(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : e.data ?? Buffer.alloc(0);
    const header = { name: e.name, type: e.type ?? 'file', linkname: e.linkname, size: e.type && e.type !== 'file' ? 0 : data.length, ...(e.type === 'character-device' ? { devmajor: 1, devminor: 3 } : {}) } as const;
    if (e.type && e.type !== 'file') pack.entry(header);
    else pack.entry(header, data);
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

const TOP = 'sosreport-h-2026-12-01-x';
const marker = (): Entry[] => Object.entries(sosMarkers('4.12')).map(([p, d]) => ({ name: `${TOP}/${p}`, data: d }));
const ETHTOOL = 'driver: virtio_net\nversion: 1.0.0\nfirmware-version: \nbus-info: 0000:00:03.0\n';

let tmp: string;
let savedTmp: string | undefined;
beforeEach(() => {
  // The import's private directory is made under TMPDIR: a directory of the test's own, checked empty afterwards.
  savedTmp = process.env.TMPDIR;
  tmp = join(tempDir(), 'tmp');
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

async function importGz(entries: Entry[], limits?: Partial<ReportLimits>) {
  const dir = tempDir();
  writeFileSync(join(dir, 'r.tar.gz'), await tarGz(entries));
  const r = await importReport({ input: join(dir, 'r.tar.gz'), output: join(dir, 'out.tar.gz'), isolation: 'inline', limits: { ...REPORT_LIMITS, ...limits } });
  expect(readdirSync(tmp).filter((n) => n.startsWith('fwsnap-import-')), 'the private directory was removed').toEqual([]);
  return { dir, r, kinds: r.problems.map((p) => p.kind), names: r.manifest.artifacts.map((a) => a.name) };
}

describe('hostile reports', () => {
  it('refuses names that climb out, are absolute or hold control or bidi characters, and writes nothing outside its directory', async () => {
    const { dir, r, kinds, names } = await importGz([
      ...marker(),
      { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL },
      { name: `${TOP}/../../escaped`, data: 'x' },
      { name: `${TOP}/proc/../../../escaped2`, data: 'x' },
      { name: '/etc/escaped3', data: 'x' },
      { name: `${TOP}/proc/cpu\u202einfo`, data: 'x' },
      { name: `${TOP}/proc/cmd\x1bline`, data: 'x' },
    ]);
    expect(kinds.filter((k) => k === 'unsafe-name' || k === 'outside-top').length).toBe(5);
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
    expect(existsSync('/etc/escaped3')).toBe(false);
    expect(names).toContain('cmd/ethtool/-i_eth0.out');
    expect(r.manifest.issues.filter((i) => i.code === 'UNSAFE_NAME').length).toBe(4);
    expect(r.manifest.issues.filter((i) => i.code === 'OUTSIDE_TOP').length).toBe(1);
  });

  it('never follows a symbolic or hard link, even under a name it wants, and refuses device entries', async () => {
    const { kinds, names } = await importGz([
      ...marker(),
      { name: `${TOP}/proc/cpuinfo`, type: 'symlink', linkname: '/etc/passwd' },
      { name: `${TOP}/proc/cmdline`, type: 'link', linkname: 'etc/passwd' },
      { name: `${TOP}/sos_commands/pci/lspci_-nnvv`, type: 'character-device' },
      { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL },
    ]);
    expect(names).not.toContain('proc/cpuinfo');
    expect(names).not.toContain('proc/cmdline');
    expect(names).not.toContain('cmd/lspci/-nnvv.out');
    expect(kinds).toContain('special-entry');
  });

  it('keeps the first of two entries with one name', async () => {
    const { r, kinds } = await importGz([
      ...marker(),
      { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL },
      { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL.replace('virtio_net', 'evil') },
    ]);
    expect(kinds.filter((k) => k === 'duplicate')).toHaveLength(1);
    const stored = r.manifest.artifacts.find((a) => a.name === 'cmd/ethtool/-i_eth0.out');
    expect(stored?.size).toBe(ETHTOOL.length);
  });

  it('stops at the entry cap and keeps what came before', async () => {
    const many: Entry[] = Array.from({ length: 50 }, (_, i) => ({ name: `${TOP}/etc/f${i}`, data: 'x' }));
    const { kinds, names } = await importGz([...marker(), { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL }, ...many], { maxEntries: 20 });
    expect(kinds).toContain('too-many-entries');
    expect(names).toContain('cmd/ethtool/-i_eth0.out');
  });

  it('stops a compression bomb at the ratio cap, and leaves out a wanted file over the size cap', async () => {
    const bomb = await importGz([...marker(), { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL }, { name: `${TOP}/sos_commands/pci/lspci_-nnvv`, data: Buffer.alloc(8 * 1024 * 1024) }], { ratioGraceBytes: 1024 * 1024, maxRatio: 50 });
    expect(bomb.kinds).toContain('compression-ratio');
    expect(bomb.names).not.toContain('cmd/lspci/-nnvv.out');
    const big = await importGz([...marker(), { name: `${TOP}/proc/cpuinfo`, data: 'processor\t: 0\n'.repeat(1000) }], { maxEntryBytes: 1000 });
    expect(big.kinds).toContain('entry-too-large');
    expect(big.names).not.toContain('proc/cpuinfo');
  });

  it('reads a truncated archive up to where it breaks', async () => {
    const dir = tempDir();
    const whole = await tarGz([...marker(), { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: ETHTOOL }, { name: `${TOP}/etc/big`, data: Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251)) }]);
    writeFileSync(join(dir, 'cut.tar.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = await importReport({ input: join(dir, 'cut.tar.gz'), output: join(dir, 'out.tar.gz'), isolation: 'inline' });
    expect(r.problems.map((p) => p.kind)).toContain('corrupt');
    expect(r.manifest.artifacts.map((a) => a.name)).toContain('cmd/ethtool/-i_eth0.out');
  });

  it('says plainly what is not a report', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    await expect(importReport({ input: join(dir, 'notes.txt'), output: join(dir, 'o.tar.gz'), isolation: 'inline' })).rejects.toThrow(CollectError);
    await expect(importReport({ input: join(dir, 'notes.txt'), output: join(dir, 'o.tar.gz'), isolation: 'inline' })).rejects.toThrow(/not a report/);
    writeFileSync(join(dir, 'other.tar.gz'), await tarGz([{ name: 'x/readme', data: 'hi' }]));
    await expect(importReport({ input: join(dir, 'other.tar.gz'), output: join(dir, 'o.tar.gz'), isolation: 'inline' })).rejects.toThrow(/neither a sosreport .* nor a supportconfig/);
    await expect(importReport({ input: join(dir, 'missing'), output: join(dir, 'o.tar.gz'), isolation: 'inline' })).rejects.toThrow(/no such file/);
    expect(existsSync(join(dir, 'o.tar.gz'))).toBe(false);
  });

  it('in an extracted report, follows no link and opens no FIFO (nothing blocks)', async () => {
    const dir = tempDir();
    const root = writeReport(dir, TOP, { ...sosMarkers('4.0'), 'sos_commands/networking/ethtool_-i_eth0': ETHTOOL });
    mkdirSync(join(root, 'proc'), { recursive: true });
    symlinkSync('/etc/passwd', join(root, 'proc/cpuinfo'));
    symlinkSync('/etc', join(root, 'sys'));
    mkdirSync(join(root, 'sos_commands/pci'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'sos_commands/pci/lspci_-nnvv')]);
    const r = await importReport({ input: root, output: join(dir, 'out.tar.gz'), isolation: 'inline' });
    const names = r.manifest.artifacts.map((a) => a.name);
    expect(names).toContain('cmd/ethtool/-i_eth0.out');
    expect(names).not.toContain('proc/cpuinfo');
    expect(names).not.toContain('cmd/lspci/-nnvv.out');
    expect(r.problems.map((p) => p.kind)).toContain('special-entry');
    const passwd = readFileSync('/etc/passwd');
    expect(r.manifest.artifacts.some((a) => a.size === passwd.length)).toBe(false);
  });

  it('reads .tar.xz and .tar.bz2 through the system decompressors under the same caps', async () => {
    for (const [tool, flag] of [['xz', '-J'], ['bzip2', '-j']] as const) {
      if (spawnSync(tool, ['--help']).error && process.env.CI !== 'true') continue;
      const dir = tempDir();
      writeReport(dir, TOP, { ...sosMarkers('4.0'), 'sos_commands/networking/ethtool_-i_eth0': ETHTOOL, 'etc/zeros': Buffer.alloc(4 * 1024 * 1024) });
      expect(spawnSync('tar', ['-c', flag, '-f', join(dir, 'r.tar'), '-C', dir, TOP]).status).toBe(0);
      const ok = await importReport({ input: join(dir, 'r.tar'), output: join(dir, 'ok.tar.gz'), isolation: 'inline' });
      expect(ok.manifest.artifacts.map((a) => a.name), tool).toContain('cmd/ethtool/-i_eth0.out');
      // Whether the ethtool output comes before the zeros depends on the order tar found the files in: either way
      // reading stops at the cap, and the import either names the cap as a problem or fails naming it.
      const capped = await importReport({ input: join(dir, 'r.tar'), output: join(dir, 'capped.tar.gz'), isolation: 'inline', limits: { ...REPORT_LIMITS, ratioGraceBytes: 1024 * 1024, maxRatio: 20 } }).then(
        (r) => r.problems.map((p) => p.message).join('; '),
        (e: Error) => e.message,
      );
      expect(capped, tool).toMatch(/inflates more than 20 times its size/);
      expect(readdirSync(tmp).filter((n) => n.startsWith('fwsnap-import-'))).toEqual([]);
    }
  });
});
