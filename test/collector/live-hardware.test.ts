import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { openBundle, type OpenedBundle } from './bundle-entries.js';

const lspciAvailable = spawnSync('lspci', ['--version']).status === 0;
const isLinux = process.platform === 'linux';

/** Config space bytes of every function in `lspci -D -xxxx` output, keyed by domain:bus:device.function. */
function parseLspciHex(text: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let current: { bdf: string; bytes: number[] } | undefined;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) /.exec(line);
    if (head) {
      current = { bdf: head[1]!, bytes: [] };
      out.set(current.bdf, Buffer.alloc(0));
      continue;
    }
    const row = /^([0-9a-f]{2,3}): ((?:[0-9a-f]{2} ?){1,16})$/.exec(line.trimEnd());
    if (!row || !current) continue;
    if (Number.parseInt(row[1]!, 16) !== current.bytes.length) throw new Error(`lspci dump of ${current.bdf}: row ${row[1]} out of order`);
    current.bytes.push(...row[2]!.trim().split(' ').map((h) => Number.parseInt(h, 16)));
    out.set(current.bdf, Buffer.from(current.bytes));
  }
  return out;
}

describe('parseLspciHex', () => {
  it('reads each function\'s rows in order into its bytes', () => {
    const m = parseLspciHex('0000:00:03.0 Ethernet controller: X\n00: f4 1a 41 10 06 04 10 00 01 00 00 02 00 00 00 00\n10: 04 00 10 00 40 00 00 00 00 00 00 00 00 00 00 00\n\n0000:00:04.0 Y\n00: 86 80\n');
    expect(m.get('0000:00:03.0')!.length).toBe(32);
    expect(m.get('0000:00:03.0')!.subarray(0, 4)).toEqual(Buffer.from([0xf4, 0x1a, 0x41, 0x10]));
    expect(m.get('0000:00:04.0')).toEqual(Buffer.from([0x86, 0x80]));
  });

  it('refuses rows out of order', () => {
    expect(() => parseLspciHex('0000:00:03.0 X\n10: 00\n')).toThrow(/0000:00:03.0: row 10 out of order/);
  });
});

describe.runIf(isLinux && lspciAvailable)('live host: pci and platform against lspci, uname and /proc', () => {
  let b: OpenedBundle;
  const out = mkdtempSync(join(tmpdir(), 'fwsnap-live-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  beforeAll(async () => {
    const r = await collect({ output: join(out, 'live.tar.gz'), only: ['pci', 'platform', 'cpu', 'kernel-log'], isolation: 'process', timeoutSeconds: 60 });
    b = await openBundle(r.path);
    const failed = b.manifest.sources.filter((s) => ['pci', 'platform', 'cpu', 'kernel-log'].includes(s.name) && s.status !== 'ok' && s.status !== 'partial');
    if (failed.length) throw new Error(`sources did not finish: ${JSON.stringify(failed)}`);
  });

  it('has every function lspci -D lists, with the config space bytes lspci -xxxx shows', () => {
    const listed = spawnSync('lspci', ['-D'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0]!);
    expect(listed.length).toBeGreaterThan(0);
    const dumps = parseLspciHex(spawnSync('lspci', ['-D', '-xxxx'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout);
    expect(b.manifest.sources.find((s) => s.name === 'pci')!.devices.pci).toBe(listed.length);
    for (const bdf of listed) {
      const stored = b.entries.get(`sys/bus/pci/devices/${bdf}/config`);
      expect(stored, bdf).toBeDefined();
      expect(stored!.toString('hex'), bdf).toBe(dumps.get(bdf)!.toString('hex'));
    }
  });

  it('records the kernel release uname -r reports and the command line in /proc/cmdline', () => {
    expect(b.text('proc/sys/kernel/osrelease').trim()).toBe(spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim());
    expect(b.text('proc/cmdline')).toBe(readFileSync('/proc/cmdline', 'utf8'));
    expect(b.manifest.host.kernelRelease).toBe(b.text('proc/sys/kernel/osrelease').trim());
  });

  it.runIf(process.getuid?.() === 0)('reads the kernel log from /dev/kmsg as root, whole records only', () => {
    const log = b.text('dev/kmsg');
    expect(log.split('\n').filter(Boolean).every((l) => /^\d+,\d+,\d+,[^;]*;/.test(l) || l.startsWith(' '))).toBe(true);
  });
});
