import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import { MAX_LITERAL_SECRETS, redactBundle } from '../../bundle/redact/redact-bundle.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';
import { REDACTION } from '../../collector/classes/index.js';

const ARTIFACTS = [
  { name: 'proc/sys/kernel/hostname', data: 'web07\n' },
  { name: 'sys/class/net/eth0/address', data: 'a4:bf:01:23:45:67\n' },
  { name: 'dev/kmsg', data: '6,1,0,-;web07 eth0 a4bf01234567\n' },
  { name: 'ioctl/net/eth0/regs.bin', data: Buffer.from([1, 2, 3, 0, 4]), origin: { kind: 'ioctl' as const, class: 'net', device: 'eth0', request: 'ETHTOOL_GREGS', requestNumber: 0x8946, what: 'regs' } },
];

async function contents(path: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  await readBundle(path, (e) => void m.set(e.name, e.data.toString('latin1')));
  return m;
}

describe('redactBundle', () => {
  it('writes a verifying bundle with origins kept, new hashes, the policy and the dropped artifacts in its manifest', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    const before = await writeBundle(input, ARTIFACTS, { host: { hostname: 'web07', kernelRelease: '6.1', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' } });
    const out = join(dir, 'out.tar.gz');
    const r = await redactBundle({ catalog: REDACTION, input, output: out, mapPath: join(dir, 'private', '..', 'map.json') });
    const read = await readBundle(out, () => undefined);
    expect(read.problems).toEqual([]);
    expect(r.manifest.host.hostname).toBe('h0001');
    expect(r.manifest.options.redacted).toEqual({ policy: 'fwsnap-redact/1' });
    expect(r.manifest.dropped).toEqual([{ name: 'ioctl/net/eth0/regs.bin', reason: expect.stringContaining('unknown layout') }]);
    expect(r.manifest.artifacts.map((a) => [a.name, a.origin])).toEqual(before.artifacts.filter((a) => !a.name.endsWith('.bin')).map((a) => [a.name, a.origin]));
    const c = await contents(out);
    expect(c.get('dev/kmsg')).toBe('6,1,0,-;h0001 eth0 020000000001\n');
    expect(c.get('sys/class/net/eth0/address')).toBe('02:00:00:00:00:01\n');
    expect(statSync(r.mapPath).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(r.mapPath, 'utf8')).tokens.mac).toEqual({ a4bf01234567: '020000000001' });
  });

  it('keeps the .status entries of a failed ioctl and command (a number) and redacts one that holds anything else', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    const status = (of: string) => ({ kind: 'status' as const, of });
    await writeBundle(input, [
      ...ARTIFACTS,
      { name: 'ioctl/net/eth0/regs.status', data: '-95\n', origin: status('ioctl/net/eth0/regs.bin') },
      { name: 'cmd/devlink/-j_dev_info.status', data: '2\n', origin: status('cmd/devlink/-j_dev_info.out') },
      { name: 'cmd/devlink/-j_dev_show.status', data: 'web07\n', origin: status('cmd/devlink/-j_dev_show.out') },
    ]);
    const out = join(dir, 'out.tar.gz');
    const r = await redactBundle({ catalog: REDACTION, input, output: out, mapPath: join(dir, 'map.json') });
    const c = await contents(out);
    expect(c.get('ioctl/net/eth0/regs.status')).toBe('-95\n');
    expect(c.get('cmd/devlink/-j_dev_info.status')).toBe('2\n');
    expect(c.get('cmd/devlink/-j_dev_show.status')).toBe('h0001\n');
    expect(r.manifest.dropped?.map((d) => d.name)).toEqual(['ioctl/net/eth0/regs.bin']);
  });

  it('extends an existing map, so a second bundle of the same host gets the same tokens', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    await writeBundle(input, [{ name: 'sys/class/net/eth1/address', data: 'a4:bf:01:99:99:99\n' }]);
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ policy: 'fwsnap-redact/1', tokens: { mac: { a4bf01999999: '020000000007' } } }), { mode: 0o600 });
    await redactBundle({ catalog: REDACTION, input, output: join(dir, 'out.tar.gz'), mapPath: map });
    expect((await contents(join(dir, 'out.tar.gz'))).get('sys/class/net/eth1/address')).toBe('02:00:00:00:00:07\n');
  });

  it('refuses an input that does not verify, naming the problem, and writes nothing', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    await writeBundle(input, ARTIFACTS);
    truncateSync(input, Math.floor(statSync(input).size / 2));
    const out = join(dir, 'out.tar.gz');
    await expect(redactBundle({ catalog: REDACTION, input, output: out })).rejects.toThrow(/does not verify.*\n.*truncated/);
    await expect(redactBundle({ catalog: REDACTION, input, output: out, force: true })).rejects.toThrow(/no usable manifest/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.redaction-map.json`)).toBe(false);
  });

  it('refuses a map path that is the bundle itself, and a map that is not a redaction map', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    await writeBundle(input, ARTIFACTS);
    await expect(redactBundle({ catalog: REDACTION, input, output: join(dir, 'o.tar.gz'), mapPath: join(dir, 'o.tar.gz') })).rejects.toThrow(/would overwrite the bundle/);
    writeFileSync(join(dir, 'bad.json'), '{"x":1}');
    await expect(redactBundle({ catalog: REDACTION, input, output: join(dir, 'o.tar.gz'), mapPath: join(dir, 'bad.json') })).rejects.toThrow(/bad\.json is not a fwsnap-redact\/1 map/);
  });
});

describe('redactBundle and many distinct identifiers', () => {
  const macs = (n: number): string[] => Array.from({ length: n }, (_, i) => (0xa4bf00000000 + i * 7919).toString(16).padStart(12, '0').match(/../g)!.join(':'));

  it('replaces thousands of them, every one, in every artifact', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    const all = macs(5000);
    const serials = all.map((_, i) => `SN${(1_000_000 + i * 31).toString(36).toUpperCase()}X`);
    await writeBundle(input, [
      { name: 'dev/kmsg', data: all.map((m, i) => `6,${i},0,-;eth0: neighbour ${m} serial_number(${serials[i]})`).join('\n') + '\n' },
      // The same secrets where nothing learns them: found only by the literal search, upper case and without separators.
      { name: 'proc/notes', data: all.map((m, i) => `${m.replace(/:/g, '').toUpperCase()} ${serials[i]!.toLowerCase()}`).join('\n') + '\n' },
    ]);
    const out = join(dir, 'out.tar.gz');
    const r = await redactBundle({ catalog: REDACTION, input, output: out });
    expect(r.secrets).toBeGreaterThanOrEqual(10_000);
    const texts: string[] = [];
    await readBundle(out, (e) => void texts.push(e.data.toString('utf8').toLowerCase()));
    const text = texts.join('\n');
    const words = new Set([...text.matchAll(/(?:[0-9a-f]{2}:){5}[0-9a-f]{2}|[0-9a-z]+/g)].map((m) => m[0]));
    const left = [...all.flatMap((m) => [m, m.replace(/:/g, '')]), ...serials.map((s) => s.toLowerCase())].filter((s) => words.has(s));
    expect(words.size).toBeGreaterThan(10_000);
    expect(left).toEqual([]);
  }, 120_000);

  it('refuses, writing nothing, past the number it can search for within its memory bound', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.tar.gz');
    const lines = macs(110).map((m, i) => `6,${i},0,-;eth0: neighbour ${m}`);
    await writeBundle(input, [{ name: 'dev/kmsg', data: lines.join('\n') + '\n' }]);
    const out = join(dir, 'out.tar.gz');
    await expect(redactBundle({ catalog: REDACTION, input, output: out, maxSecrets: 100 })).rejects.toThrow(/110 distinct identifiers.*more than 100.*nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.redaction-map.json`)).toBe(false);
    expect(MAX_LITERAL_SECRETS).toBeGreaterThanOrEqual(50_000);
  });
});
