import fc from 'fast-check';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { END_OF_ARCHIVE, padding, paxEntryHeader, ustarHeader } from '../../bundle/tar-encoder.js';
import { PAX_SHA256 } from '../../bundle/format.js';

interface Entry {
  name: string;
  data: Buffer;
  sha?: string;
}

/** The archive tar-stream's packer makes of these entries, the way the bundle writer used to call it. */
async function packedByTarStream(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => void chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const e of entries) {
    const header = { name: e.name, size: e.data.length, mode: 0o644, mtime: new Date(0), ...(e.sha ? { pax: { [PAX_SHA256]: e.sha } } : {}) };
    await new Promise<void>((resolve, reject) => pack.entry(header, e.data, (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

function encoded(entries: Entry[]): Buffer {
  return Buffer.concat([
    ...entries.flatMap((e) => [e.sha ? paxEntryHeader(e.name, e.data.length, { [PAX_SHA256]: e.sha }) : ustarHeader(e.name, e.data.length, '0')!, e.data, padding(e.data.length)]),
    END_OF_ARCHIVE,
  ]);
}

async function extracted(archive: Buffer): Promise<{ name: string; data: string; pax?: Record<string, string> }[]> {
  const out: { name: string; data: string; pax?: Record<string, string> }[] = [];
  const x = tar.extract();
  x.on('entry', (h, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (c) => void parts.push(c as Buffer));
    stream.on('end', () => {
      out.push({ name: h.name, data: Buffer.concat(parts).toString('latin1'), ...(h.pax ? { pax: h.pax as Record<string, string> } : {}) });
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    x.on('finish', () => resolve());
    x.on('error', (e) => reject(e as Error));
  });
  x.end(archive);
  await done;
  return out;
}

const HEX64 = fc.array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: 64, maxLength: 64 }).map((cs) => cs.join(''));
const NAME_CHAR = fc.constantFrom(...'abcXYZ019._:@+=,-%/'.split(''));
const name = fc.array(NAME_CHAR, { minLength: 1, maxLength: 300 }).map((cs) => cs.join('').replace(/\/+/g, '/').replace(/^\/|\/$/g, '') || 'x');

describe('tar blocks of bundle entries (bundle/tar-encoder.ts)', () => {
  it('are the bytes tar-stream packed for the same entries (short, long and split names, empty and odd sizes, with and without pax records)', async () => {
    const fixed: Entry[] = [
      { name: 'sys/bus/pci/devices/0000:00:00.0/config', data: Buffer.alloc(4096, 7), sha: 'ab'.repeat(32) },
      { name: `sys/${'d'.repeat(120)}/${'e'.repeat(90)}`, data: Buffer.from('x\n'), sha: 'cd'.repeat(32) },
      { name: 'cmd/ethtool/-i_eth0.status', data: Buffer.alloc(0), sha: 'ef'.repeat(32) },
      { name: 'manifest.json', data: Buffer.from('{"a":1}\n') },
    ];
    expect(encoded(fixed).equals(await packedByTarStream(fixed))).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name, size: fc.integer({ min: 0, max: 1500 }), sha: fc.option(HEX64, { nil: undefined }) }), { minLength: 1, maxLength: 5 }), async (xs) => {
        const entries = xs
          .filter((x, i) => x.sha || (x.name.length <= 100 && xs.findIndex((y) => y.name === x.name) === i))
          .map((x) => ({ name: x.name, data: Buffer.alloc(x.size, x.size % 251), ...(x.sha ? { sha: x.sha } : {}) }));
        expect(encoded(entries).equals(await packedByTarStream(entries))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('build the file header after the pax records for any size as a whole ustar header would (the last block; base-256 above 8 GiB)', () => {
    for (const size of [0, 1, 511, 512, 4096, 8 ** 7, 8 ** 11 - 1, 8 ** 11, 2 ** 40 + 3]) {
      const blocks = paxEntryHeader('sys/x', size, { [PAX_SHA256]: 'ab'.repeat(32) });
      expect(blocks.subarray(blocks.length - 512).equals(ustarHeader('PaxHeader', size, '0')!), String(size)).toBe(true);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (size) => {
        const blocks = paxEntryHeader('a', size, {});
        expect(blocks.subarray(blocks.length - 512).equals(ustarHeader('PaxHeader', size, '0')!)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('are read back by tar-stream as the same names, bytes and sha256 records', async () => {
    const entries: Entry[] = [
      { name: 'proc/cmdline', data: Buffer.from('BOOT_IMAGE=/vmlinuz\n'), sha: '12'.repeat(32) },
      { name: 'manifest.json', data: Buffer.from('{}\n') },
    ];
    expect(await extracted(encoded(entries))).toEqual([
      { name: 'proc/cmdline', data: 'BOOT_IMAGE=/vmlinuz\n', pax: { path: 'proc/cmdline', [PAX_SHA256]: '12'.repeat(32) } },
      { name: 'manifest.json', data: '{}\n' },
    ]);
  });

  it('a pax record length counts its own digits, also where adding them adds a digit', () => {
    for (const n of [1, 80, 84, 85, 86, 95, 96, 97, 990, 994, 995, 996, 1000]) {
      const head = paxEntryHeader('a'.repeat(n), 1, {});
      const text = head.subarray(512, 512 + Number.parseInt(head.subarray(124, 135).toString(), 8)).toString();
      const length = Number(text.slice(0, text.indexOf(' ')));
      expect(Buffer.byteLength(text)).toBe(length);
    }
  });

  it('a name ustar cannot hold gives no header (the bundle writer puts every artifact name in a pax record)', () => {
    expect(ustarHeader('é', 1, '0')).toBeNull();
    expect(ustarHeader('a'.repeat(101), 1, '0')).toBeNull();
    expect(ustarHeader(`${'p'.repeat(156)}/n`, 1, '0')).toBeNull();
    expect(ustarHeader(`${'p'.repeat(155)}/n`, 1, '0')).not.toBeNull();
  });
});
