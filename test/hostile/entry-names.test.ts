import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { MANIFEST_NAME, MAX_NAME_BYTES } from '../../bundle/format.js';
import { readBundle } from '../../bundle/reader.js';
import { tempDir } from '../helpers/tmp.js';

async function tarGz(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const pack = tar.pack();
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  for (const e of entries) pack.entry({ name: e.name }, e.data);
  pack.finalize();
  await new Promise<void>((resolve) => pack.on('end', () => resolve()));
  return gzipSync(Buffer.concat(chunks));
}

function manifestFor(entries: { name: string; data: Buffer }[]): { name: string; data: Buffer } {
  const artifacts = entries.map((e) => ({
    name: e.name,
    source: 'test',
    origin: { kind: 'file', path: `/${e.name}` },
    size: e.data.length,
    sha256: createHash('sha256').update(e.data).digest('hex'),
    truncated: false,
  }));
  const m = {
    format: 'fwsnap-bundle', formatVersion: 1, tool: { name: 'fwsnap', version: 'test' },
    host: { hostname: 'names', kernelRelease: '6.1.0', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' },
    options: { timeoutSeconds: 10, includeEeprom: false, replayTree: true }, sources: [], issues: [], artifacts,
  };
  return { name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(m)) };
}

describe('entry names have a length cap and no invisible or control characters', () => {
  it(`names over ${MAX_NAME_BYTES} bytes, and names with bidi, C1 or zero-width characters, are refused with short messages`, async () => {
    const dir = tempDir();
    const good = { name: 'proc/version', data: Buffer.from('Linux\n') };
    const bad = [
      'sys/' + 'a'.repeat(MAX_NAME_BYTES),
      'sys/' + 'é'.repeat(MAX_NAME_BYTES / 2),
      'sys/class/net/eth\u202e0/address',
      'sys/class/net/eth\u009b0/address',
      'sys/class/net/eth\u200b0/address',
      'sys/class/net/eth\u2028/address',
    ].map((name) => ({ name, data: Buffer.from('x\n') }));
    const path = join(dir, 'names.tar.gz');
    writeFileSync(path, await tarGz([good, ...bad, manifestFor([good])]));
    const r = await readBundle(path, () => undefined);
    expect([...r.verified]).toEqual(['proc/version']);
    const unsafe = r.problems.filter((p) => p.kind === 'unsafe-name');
    expect(unsafe).toHaveLength(bad.length);
    for (const p of unsafe) {
      expect(p.message.length).toBeLessThan(400);
      expect((p.entry ?? '').length).toBeLessThanOrEqual(MAX_NAME_BYTES + 1);
    }
  });

  it('many entries with very long names are refused quickly, holding little', async () => {
    const dir = tempDir();
    const good = { name: 'proc/version', data: Buffer.from('Linux\n') };
    const long = Array.from({ length: 100 }, (_, i) => ({ name: `sys/${i}/${'n'.repeat(256 * 1024)}`, data: Buffer.from('x') }));
    const path = join(dir, 'long.tar.gz');
    writeFileSync(path, await tarGz([good, ...long, manifestFor([good])]));
    const start = Date.now();
    const heap = process.memoryUsage().heapUsed;
    const r = await readBundle(path, () => undefined);
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 1024 * 1024);
    expect([...r.verified]).toEqual(['proc/version']);
    expect(r.problems.filter((p) => p.kind === 'unsafe-name')).toHaveLength(100);
    expect(JSON.stringify(r.problems).length).toBeLessThan(100 * (MAX_NAME_BYTES + 600));
  });
});
