import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import { verifyBundle } from '../../bundle/verify.js';
import { RecordSpool } from '../../bundle/record-spool.js';
import { BundleWriter } from '../../bundle/writer.js';
import { MANIFEST_NAME, PAX_SHA256 } from '../../bundle/format.js';
import { padding, paxEntryHeader } from '../../bundle/tar-encoder.js';
import { GOOD, manifestFor } from '../fixtures/hostile/build.js';
import { tarOf } from '../fixtures/hostile/tar-raw.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

/** Rewrites the raw tar inside a bundle (uncompressed), so tests can damage individual bytes. */
function retar(path: string, edit: (tar: Buffer) => Buffer): void {
  writeFileSync(path, gzipSync(edit(gunzipSync(readFileSync(path)))));
}

describe('bundle writer, reader and verify', () => {
  it('round-trips artifacts and verifies every entry', async () => {
    const dir = tempDir();
    const out = join(dir, 'b.tar.gz');
    const m = await writeBundle(out, [
      { name: 'proc/cpuinfo', data: 'processor\t: 0\n' },
      { name: 'ioctl/net/eth0/drvinfo.bin', data: Buffer.alloc(196, 7), origin: { kind: 'ioctl', class: 'net', device: 'eth0', request: 'SIOCETHTOOL', requestNumber: 0x8946, what: 'drvinfo' } },
    ]);
    expect(m.artifacts.map((a) => a.name)).toEqual(['proc/cpuinfo', 'ioctl/net/eth0/drvinfo.bin']);
    expect(m.artifacts[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const seen: string[] = [];
    const r = await readBundle(out, (e) => void seen.push(`${e.name}:${e.data.length}`));
    expect(r.problems).toEqual([]);
    expect(seen).toEqual(['proc/cpuinfo:14', 'ioctl/net/eth0/drvinfo.bin:196']);
    expect([...r.verified].sort()).toEqual(['ioctl/net/eth0/drvinfo.bin', 'proc/cpuinfo']);
    const v = await verifyBundle(out);
    expect(v.ok).toBe(true);
    expect(v.verified).toBe(2);
  });

  it('names a corrupt entry, and still verifies the others', async () => {
    const dir = tempDir();
    const out = join(dir, 'c.tar.gz');
    await writeBundle(out, [
      { name: 'a.txt', data: 'AAAAAAAAAAAAAAAA' },
      { name: 'b.txt', data: 'BBBBBBBBBBBBBBBB' },
    ]);
    retar(out, (t) => {
      const i = t.indexOf('BBBBBBBBBBBBBBBB');
      t[i + 3] = 0x43;
      return t;
    });
    const v = await verifyBundle(out);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ kind: 'hash-mismatch', entry: 'b.txt' })]);
    expect(v.verified).toBe(1);
  });

  it('names missing and extra entries', async () => {
    const dir = tempDir();
    const out = join(dir, 'd.tar.gz');
    const w = new BundleWriter(out);
    await w.add({ name: 'kept', source: 't', origin: { kind: 'file', path: '/kept' }, truncated: false }, Buffer.from('1'));
    await w.add({ name: 'extra', source: 't', origin: { kind: 'file', path: '/extra' }, truncated: false }, Buffer.from('2'));
    // A manifest that forgets "extra" and lists "ghost", which is not in the archive.
    const records = [...w.artifacts];
    const spool = new RecordSpool();
    spool.add(records[0]!);
    spool.add({ ...records[0]!, name: 'ghost' });
    (w as unknown as { spool: RecordSpool }).spool = spool;
    await w.finish({
      format: 'fwsnap-bundle', formatVersion: 1, tool: { name: 'fwsnap', version: 't' },
      host: { hostname: 'h', kernelRelease: 'k', machine: 'm', time: '', uid: 0, root: true, collectedFrom: 'tree' },
      options: { timeoutSeconds: 1, includeEeprom: false, replayTree: true }, sources: [], issues: [],
    });
    const v = await verifyBundle(out);
    expect(v.problems.map((p) => `${p.kind} ${p.entry}`).sort()).toEqual(['extra extra', 'missing ghost']);
  });

  it('a truncated bundle still verifies the entries before the cut, by their own checksums', async () => {
    const dir = tempDir();
    const out = join(dir, 't.tar.gz');
    await writeBundle(out, [
      { name: 'first', data: Buffer.alloc(3000, 1) },
      { name: 'second', data: randomBytes(200_000) },
    ]);
    const raw = gunzipSync(readFileSync(out));
    writeFileSync(out, gzipSync(raw).subarray(0, 2000));
    const r = await readBundle(out, () => undefined);
    expect(r.incomplete).toBe(true);
    expect(r.problems.map((p) => p.kind)).toContain('truncated');
    expect(r.problems.map((p) => p.kind)).toContain('manifest-missing');
    expect([...r.verified]).toEqual(['first']);
  });

  it('refuses an unknown format version with a clear message', async () => {
    const dir = tempDir();
    const out = join(dir, 'v.tar.gz');
    await writeBundle(out, [{ name: 'x', data: 'x' }], { formatVersion: 99 });
    const v = await verifyBundle(out);
    expect(v.problems).toEqual([expect.objectContaining({ kind: 'format-version', message: expect.stringContaining('version 99 is not supported') })]);
  });

  it('leaves nothing at the output path when aborted', async () => {
    const dir = tempDir();
    const out = join(dir, 'aborted.tar.gz');
    const w = new BundleWriter(out);
    await w.add({ name: 'x', source: 't', origin: { kind: 'file', path: '/x' }, truncated: false }, Buffer.alloc(100_000, 3));
    expect(existsSync(out)).toBe(false);
    await w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses unsafe artifact names at write time', async () => {
    const dir = tempDir();
    const w = new BundleWriter(join(dir, 'u.tar.gz'));
    for (const name of ['/etc/passwd', '../x', 'a/../b', 'manifest.json', '']) {
      await expect(w.add({ name, source: 't', origin: { kind: 'file', path: '/x' }, truncated: false }, Buffer.alloc(1))).rejects.toThrow(/unsafe/);
    }
    await w.abort();
  });
});

describe('directory entries', () => {
  it('are passed over when their names are safe, and refused like files when absolute or with ..', async () => {
    const dir = tempDir();
    const path = join(dir, 'dirs.tar.gz');
    const good = GOOD[0]!;
    const dirEntry = (name: string) => ({ name, type: '5' });
    writeFileSync(path, gzipSync(tarOf([dirEntry('proc/'), dirEntry('proc/sys/kernel'), good, dirEntry('../../up/'), dirEntry('/tmp/abs/'), dirEntry('sys/../../x/'),
      { name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifestFor([good]))) }])));
    const r = await readBundle(path, () => undefined);
    expect(r.problems.map((p) => [p.kind, p.entry])).toEqual([['unsafe-name', '../../up/'], ['unsafe-name', '/tmp/abs/'], ['unsafe-name', 'sys/../../x/']]);
    expect(r.problems[0]!.message).toBe('refused directory entry with unsafe name "../../up/"');
    expect([...r.verified]).toEqual([good.name]);
  });
});

describe('a bundle with more records than are kept in memory', () => {
  it('streams the spooled list into the manifest, and every entry verifies', async () => {
    const out = join(tempDir(), 'many.tar.gz');
    const w = new BundleWriter(out);
    const n = 20_050;
    for (let i = 0; i < n; i++) {
      await w.add({ name: `sys/x/${i}`, source: 't', origin: { kind: 'file', path: `/sys/x/${i}` }, truncated: false }, Buffer.from(`${i}\n`));
    }
    expect(w.artifactCount).toBe(n);
    const m = await w.finish({
      format: 'fwsnap-bundle', formatVersion: 1, tool: { name: 'fwsnap', version: 't' },
      host: { hostname: 'h', kernelRelease: 'k', machine: 'm', time: '', uid: 0, root: true, collectedFrom: 'tree' },
      options: { timeoutSeconds: 1, includeEeprom: false, replayTree: true }, sources: [], issues: [],
    });
    expect(m.artifacts).toHaveLength(n);
    expect(m.artifacts[n - 1]).toMatchObject({ name: `sys/x/${n - 1}`, size: String(n - 1).length + 1 });
    const v = await verifyBundle(out);
    expect({ ok: v.ok, verified: v.verified }).toEqual({ ok: true, verified: n });
  }, 120_000);
});

describe('the bytes the writer hands to gzip', () => {
  it('are each entry\'s tar blocks in order, whatever the sizes (across its 64 KiB chunks, a large entry whole, a streamed one in pieces), and a caller\'s buffer changed afterwards changes nothing', async () => {
    const out = join(tempDir(), 'chunks.tar.gz');
    const w = new BundleWriter(out);
    const sizes = [0, 1, 511, 512, 513, 4096, 60_000, 65_536, 70_000, 200_000, 3, 131_072, 7];
    const entries = sizes.map((n, i) => ({ name: `sys/e/${i}`, data: randomBytes(n) }));
    const expected: Buffer[] = [];
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    for (const [i, e] of entries.entries()) {
      const kept = Buffer.from(e.data);
      const record = { name: e.name, source: 't', origin: { kind: 'file' as const, path: `/${e.name}` }, truncated: false };
      if (i % 4 === 3) {
        const pieces = [e.data.subarray(0, e.data.length >> 1), e.data.subarray(e.data.length >> 1)];
        await w.addPieces(record, e.data.length, sha(kept), pieces);
      } else await w.add(record, e.data);
      e.data.fill(0x55);
      expected.push(paxEntryHeader(e.name, kept.length, { [PAX_SHA256]: sha(kept) }), kept, padding(kept.length));
    }
    await w.finish({
      format: 'fwsnap-bundle', formatVersion: 1, tool: { name: 'fwsnap', version: 't' },
      host: { hostname: 'h', kernelRelease: 'k', machine: 'm', time: '', uid: 0, root: true, collectedFrom: 'tree' },
      options: { timeoutSeconds: 1, includeEeprom: false, replayTree: true }, sources: [], issues: [],
    });
    const tar = gunzipSync(readFileSync(out));
    const body = Buffer.concat(expected);
    expect(tar.subarray(0, body.length).equals(body)).toBe(true);
    expect(tar.subarray(body.length, body.length + 13).toString('latin1')).toBe(MANIFEST_NAME);
    expect(tar.subarray(tar.length - 1024).equals(Buffer.alloc(1024))).toBe(true);
    const v = await verifyBundle(out);
    expect({ ok: v.ok, verified: v.verified }).toEqual({ ok: true, verified: sizes.length });
  });
});
