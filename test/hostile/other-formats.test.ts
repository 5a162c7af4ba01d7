/**
 * A file given as a bundle that is another archive or compression format (a zip, an xz or zstd tarball, a plain tar
 * renamed .tar.gz): it is named as what it is in one line, never as a corrupt gzip stream, and the command exits as
 * for any file that is no bundle. The reader is checked on any bytes after each format's magic (fast-check); the
 * built CLI once per command on one of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-other-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tarMagic = (): Buffer => {
  const b = Buffer.alloc(1024);
  b.write('a.txt', 0);
  b.write('ustar\u000000', 257, 'latin1');
  return b;
};
const FORMATS: readonly { what: RegExp; head: () => Buffer }[] = [
  { what: /a zip archive/, head: () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]) },
  { what: /xz-compressed/, head: () => Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]) },
  { what: /zstd-compressed/, head: () => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58]) },
  { what: /bzip2-compressed/, head: () => Buffer.from('BZh91AY&SY', 'latin1') },
  { what: /lz4-compressed/, head: () => Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40]) },
  { what: /a 7-Zip archive/, head: () => Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]) },
  { what: /an uncompressed tar archive/, head: tarMagic },
];

describe('another format given as a bundle', () => {
  it('the reader names each format, whatever follows its magic, and verifies nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: FORMATS.length - 1 }), fc.uint8Array({ maxLength: 2048 }), async (i, tail) => {
        const f = FORMATS[i]!;
        const head = f.head();
        const file = join(dir, `p${n++}.tar.gz`);
        // The tar's own bytes stay where its magic is; anything may follow them.
        writeFileSync(file, Buffer.concat([head, Buffer.from(tail)]));
        const r = await verifyBundle(file);
        expect(r.ok).toBe(false);
        expect(r.verified).toBe(0);
        const named = r.problems.filter((p) => f.what.test(p.message));
        expect(named.length, JSON.stringify(r.problems)).toBe(1);
        expect(named[0]!.message).toMatch(/^not a bundle: the file is .+, not a gzip-compressed tar/);
      }),
      { numRuns: Number(process.env.FWSNAP_PROPERTY_RUNS ?? 60) },
    );
  });

  it('text is named as text (a saved tool output given as a bundle)', async () => {
    const file = join(dir, 'ethtool-i.tar.gz');
    writeFileSync(file, 'driver: ixgbe\nfirmware-version: 0x800003e7\n');
    const r = await verifyBundle(file);
    expect(r.problems.map((p) => p.message)).toContain('not a bundle: the file is text, not a gzip-compressed tar (.tar.gz) as fwsnap collect writes');
  });

  it('gzip itself, and bytes of no known format, are not named as another format', async () => {
    for (const bytes of [Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x00, 0x10, 0x42, 0x00]), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01])]) {
      const file = join(dir, `x${bytes[0]}.tar.gz`);
      writeFileSync(file, bytes);
      const r = await verifyBundle(file);
      expect(r.problems.some((p) => /^not a bundle: the file is/.test(p.message))).toBe(false);
    }
  });

  it('a zip renamed .tar.gz: every command exits as for no bundle, with one line naming the zip, no stack trace', async () => {
    const zip = join(dir, 'ticket.tar.gz');
    writeFileSync(zip, Buffer.concat([FORMATS[0]!.head(), Buffer.alloc(200, 0x41)]));
    const out = join(dir, 'out.tar.gz');
    for (const [args, statuses] of [
      [['verify', zip], [1]], [['analyze', zip], [2]], [['query', zip, 'SELECT 1'], [2]], [['redact', zip, out], [1, 2]],
      [['diff', zip, zip], [2, 3]], [['fleet', zip], [2, 3]],
    ] as const) {
      const r = await runCli([...args]);
      expect(statuses, `${args.join(' ')}: ${r.status} ${r.stderr}`).toContain(r.status);
      expect(r.stdout + r.stderr, args.join(' ')).toMatch(/the file is a zip archive, not a gzip-compressed tar/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    // import reads reports, not bundles: it names the zip the same way.
    const r = await runCli(['import', zip, '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^fwsnap import: .*not a report \(the file is a zip archive; a report is a directory or a tar archive/m);
  }, 120_000);
});
