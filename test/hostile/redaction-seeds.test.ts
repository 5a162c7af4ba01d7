/**
 * Redaction seeds in every spelling (issue 12 item 8): each kind of secret is learned where fwsnap knows
 * it (hostname file, DMI serial and UUID, interface address, InfiniBand GUID) and planted elsewhere in
 * every spelling the redactor promises (docs/redaction.md): as written, lower/upper case, UTF-16LE/BE,
 * ATA byte-swapped words, hex of its bytes, raw bytes in both orders — in small and in large (streamed)
 * artifacts, text and binary, with a spelling straddling the streaming pieces. `fwsnap redact --keep-binary`
 * of the built CLI must exit 0 within bounds and leave none of them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../helpers/bundle.js';
import { MB, MEMORY_BOUND, runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { hexIdNeedles, searchBundle, stringNeedles, type Needle } from '../redact/needles.js';

const SEEDS = {
  hostname: 'quetzal-db42',
  serial: 'PBKX4471QZ09',
  mac: 'b4:96:91:3c:5e:7a',
  eui64: 'b8:59:9f:03:00:c1:d2:e3',
  uuid: '4c4c4544-0042-3510-8057-c7c04f4d3232',
};
const hex = (s: string): string => s.replace(/[^0-9a-f]/gi, '').toLowerCase();

const needles: Needle[] = [
  // Hostnames are promised in case variants and UTF-16, as whole words (docs/redaction.md); serials in every spelling.
  ...stringNeedles(SEEDS.hostname).filter((n) => /^(?:ascii|utf16)/.test(n.form)),
  ...stringNeedles(SEEDS.serial),
  ...hexIdNeedles(hex(SEEDS.mac)),
  ...hexIdNeedles(hex(SEEDS.eui64)),
  ...hexIdNeedles(hex(SEEDS.uuid)),
];
/** Text artifacts can only hold the spellings that are valid UTF-8 without NUL. */
const textual = (n: Needle): boolean => !n.bytes.includes(0) && (() => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(n.bytes);
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-seeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every needle, each between separators (small artifacts). */
function planted(ns: Needle[], text: boolean): Buffer {
  const sep = text ? Buffer.from(' | ') : Buffer.from([0x00, 0x20, 0x00]);
  return Buffer.concat(ns.flatMap((n) => [n.bytes, sep]));
}

/**
 * A 3 MiB artifact (over the 2 MiB past which redaction streams) with the needles spread through it at
 * uneven offsets, so that some straddle the pieces it is read and scrubbed in. Filler is kernel-log-like
 * text, or pseudo-random bytes for binary, so the bundle compresses like a real one.
 */
function spread(ns: Needle[], text: boolean): Buffer {
  const total = 3 * MB;
  const out = Buffer.alloc(total);
  let x = 7;
  for (let i = 0; i < total; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = text ? (i % 97 === 96 ? 0x0a : 0x61 + ((x >>> 24) % 26)) : x >>> 24;
  }
  const step = Math.floor(total / (ns.length + 1));
  const sep = text ? Buffer.from(' ') : Buffer.from([0x00, 0x20, 0x00]);
  ns.forEach((n, i) => Buffer.concat([sep, n.bytes, sep]).copy(out, step * (i + 1) - (i % 7) * 3));
  return out;
}

describe('redaction seeds in every spelling', () => {
  it('none survives fwsnap redact, in small or streamed artifacts, text or binary', async () => {
    const bundle = join(dir, 'seeds.tar.gz');
    const text = needles.filter(textual);
    await writeBundle(bundle, [
      { name: 'proc/sys/kernel/hostname', data: `${SEEDS.hostname}\n` },
      { name: 'sys/class/dmi/id/product_serial', data: `${SEEDS.serial}\n` },
      { name: 'sys/class/dmi/id/product_uuid', data: `${SEEDS.uuid}\n` },
      { name: 'sys/class/net/eth0/address', data: `${SEEDS.mac}\n` },
      { name: 'sys/class/infiniband/mlx5_0/node_guid', data: `${hex(SEEDS.eui64).match(/.{4}/g)!.join(':')}\n` },
      { name: 'proc/cmdline', data: planted(text, true) },
      { name: 'ioctl/x/blob.bin', data: planted(needles, false), origin: { kind: 'ioctl', class: 'x', device: 'x', request: 'X', requestNumber: 0, what: 'blob' } },
      { name: 'dev/kmsg', data: spread(text, true) },
      { name: 'ioctl/x/big.bin', data: spread(needles, false), origin: { kind: 'ioctl', class: 'x', device: 'x', request: 'X', requestNumber: 0, what: 'big' } },
      // Other artifact kinds: a command's output, a sysfs attribute nobody knows, a register dump.
      { name: 'cmd/lspci/-vvv.out', data: planted(text, true), origin: { kind: 'cmd', argv: ['lspci', '-vvv'], stream: 'stdout' } },
      { name: 'sys/devices/virtual/misc/x/odd_attribute', data: planted(text, true) },
      { name: 'ioctl/net/eth0/regs.bin', data: planted(needles, false), origin: { kind: 'ioctl', class: 'net', device: 'eth0', request: 'ETHTOOL_GREGS', requestNumber: 0, what: 'regs' } },
    ], {
      // And the manifest's own strings.
      issues: text.slice(0, 40).map((n, i) => ({ source: 'platform', target: `/sys/x/${i}`, code: 'EIO', message: `read failed near ${n.bytes.toString('utf8')}` })),
    });
    const before = new Set((await searchBundle(bundle, needles)).map((h) => h.form));
    expect(before.size, 'every spelling is in the input').toBe(new Set(needles.map((n) => n.form)).size);

    const work = join(dir, 'w');
    mkdirSync(work);
    const r = await runCli(['redact', bundle, 'out.tar.gz', '--keep-binary'], { cwd: work, env: { ...process.env, TMPDIR: work } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.peakRss).toBeLessThanOrEqual(MEMORY_BOUND);
    expect(r.ms).toBeLessThan(120_000);
    const left = await searchBundle(join(work, 'out.tar.gz'), needles);
    expect([...new Set(left.map((h) => `${h.secret} in ${h.artifact} (${h.form})`))].sort()).toEqual([]);
  }, 240_000);
});
