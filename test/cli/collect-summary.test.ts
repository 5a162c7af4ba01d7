import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSummary, describeBundle, humanSize, redactedName } from '../../cli/collect-summary.js';
import { ensureBuilt, FAKEHOST, fwsnap } from './cli-helpers.js';

describe('humanSize', () => {
  it('uses 1024-based units with three significant figures', () => {
    expect(humanSize(0)).toBe('0 bytes');
    expect(humanSize(1023)).toBe('1023 bytes');
    expect(humanSize(1024)).toBe('1.00 KiB');
    expect(humanSize(109_152)).toBe('107 KiB');
    expect(humanSize(94_937)).toBe('92.7 KiB');
    expect(humanSize(5 * 1024 * 1024 + 512 * 1024)).toBe('5.50 MiB');
    expect(humanSize(3 * 1024 ** 3)).toBe('3.00 GiB');
  });
});

describe('redactedName', () => {
  it('puts .redacted before the archive suffix', () => {
    expect(redactedName('fwsnap-h-20261201T102000Z.tar.gz')).toBe('fwsnap-h-20261201T102000Z.redacted.tar.gz');
    expect(redactedName('/x/b.tgz')).toBe('/x/b.redacted.tgz');
    expect(redactedName('bundle')).toBe('bundle.redacted');
  });
});

describe('describeBundle', () => {
  it('gives the size and sha256 of the whole file, read in chunks (a file over several of them, an empty one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-describe-'));
    try {
      for (const bytes of [0, 1, 1024 * 1024, 2.5 * 1024 * 1024 + 7]) {
        const data = Buffer.alloc(bytes);
        for (let i = 0; i < bytes; i++) data[i] = (i * 7919) % 251;
        const path = join(dir, `b${bytes}.tar.gz`);
        writeFileSync(path, data);
        expect(await describeBundle(path, false), String(bytes)).toEqual({ path, bytes, sha256: createHash('sha256').update(data).digest('hex'), redacted: false, mapPath: undefined });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundleSummary', () => {
  const base = { path: "/tmp/it's here.tar.gz", bytes: 2048, sha256: 'ab'.repeat(32) };
  it('quotes a path with shell characters in the commands it suggests', () => {
    const s = bundleSummary({ ...base, redacted: true });
    expect(s).toContain(`fwsnap verify '/tmp/it'\\''s here.tar.gz'`);
    expect(s).not.toMatch(/not redacted/);
  });
  it('escapes control characters of a path', () => {
    expect(bundleSummary({ ...base, path: '/tmp/a\x1b[2Jb.tar.gz', redacted: true })).not.toContain('\x1b');
  });
});

describe('the end of fwsnap collect', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-summary-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const field = (out: string, name: string): string | undefined => new RegExp(`^${name}: (.*)$`, 'm').exec(out)?.[1];

  it('names the file, its size and sha256 as they are on disk, and says it is not redacted and how to redact', () => {
    const out = join(dir, 'plain.tar.gz');
    const r = fwsnap(['collect', '--root', FAKEHOST, '-o', out]);
    expect(r.status).toBe(0);
    const bytes = statSync(out).size;
    expect(field(r.stdout, 'bundle')).toBe(out);
    expect(field(r.stdout, 'size')).toBe(`${humanSize(bytes)} (${bytes} bytes)`);
    expect(field(r.stdout, 'sha256')).toBe(createHash('sha256').update(readFileSync(out)).digest('hex'));
    expect(r.stdout).toMatch(/^next: attach the bundle to your bug report/m);
    // A captured tree is another host's, never the one fwsnap runs on.
    expect(r.stdout).toMatch(/^not redacted: the bundle holds the captured host's hostname, serial numbers, MAC and IP addresses/m);
    expect(r.stdout).toContain(`fwsnap redact ${out} ${join(dir, 'plain.redacted.tar.gz')}`);
    // The suggested command works.
    expect(fwsnap(['redact', out, join(dir, 'plain.redacted.tar.gz')]).status).toBe(0);
  });

  it('with --redact: no warning, and the map is named as private', () => {
    const out = join(dir, 'red.tar.gz');
    const r = fwsnap(['collect', '--root', FAKEHOST, '--redact', '-o', out]);
    expect(r.status).toBe(0);
    expect(field(r.stdout, 'sha256')).toBe(createHash('sha256').update(readFileSync(out)).digest('hex'));
    expect(r.stdout).not.toMatch(/not redacted/);
    expect(field(r.stdout, 'redaction map')).toMatch(new RegExp(`^${out}\\.redaction-map\\.json \\(keep it private and do not attach it`));
  });

  it('of a tree of saved outputs: says what it read, by tool, and what it did not, and never speaks of a host', () => {
    const tree = mkdtempSync(join(dir, 'saved-'));
    mkdirSync(join(tree, 'cmd/ethtool'), { recursive: true });
    mkdirSync(join(tree, 'cmd/nvme'), { recursive: true });
    writeFileSync(join(tree, 'cmd/ethtool/ethtool -i eth0.txt'), 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800003e7\nbus-info: 0000:01:00.0\n');
    writeFileSync(join(tree, 'cmd/nvme/fw-log_nvme1.txt'), 'Firmware Log for device:nvme1\nafi  : 0x1\nfrs1 : 0x3030323130314745 (EG10200)\n');
    writeFileSync(join(tree, 'notes.txt'), 'the customer says it hangs\n');
    for (const redact of [false, true]) {
      const out = join(dir, `saved-${redact}.tar.gz`);
      const r = fwsnap(['collect', '--root', tree, '-o', out, ...(redact ? ['--redact'] : [])]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^saved outputs read: 2 \(ethtool 1, nvme 1\); the devices they describe are made from their text by `fwsnap analyze`$/m);
      expect(r.stdout).toMatch(/^files of the tree no class read: 1 /m);
      // A file not read is said as such, not counted again among warnings: this replay had none.
      expect(r.stdout).not.toMatch(/^warnings:/m);
      expect(r.stdout).toMatch(/^  notes\.txt: not read/m);
      // The sources that read a host's own files are named once, not each with its reason about "this host".
      expect(r.stdout).toMatch(/^sources with no saved output in the tree: pci, .*cxl$/m);
      expect(r.stdout).not.toMatch(/^devices:/m);
      expect(r.stdout).not.toMatch(/this host|on this|host's/);
      if (!redact) expect(r.stdout).toMatch(/^not redacted: the bundle holds the saved outputs as given, with the hostnames, serial numbers/m);
      else expect(field(r.stdout, 'redaction map')).toMatch(/it turns the tokens back into the names the outputs showed\)$/);
    }
  });
});
