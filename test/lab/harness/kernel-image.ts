import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pruneCache } from './cache.js';
import type { GuestKernel } from './prereqs.js';

/** Compressed payload formats of a bzImage that we can unpack, by magic bytes, with the tool that does it. */
const PAYLOADS: readonly { magic: Buffer; argv: string[] }[] = [
  { magic: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), argv: ['xz', '-dc', '--single-stream'] },
  { magic: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), argv: ['zstd', '-dc'] },
  { magic: Buffer.from([0x1f, 0x8b]), argv: ['gzip', '-dc'] },
];

/** The compressed kernel inside a bzImage: boot protocol header fields setup_sects, payload_offset, payload_length. */
export function bzImagePayload(image: Buffer): Buffer | undefined {
  if (image.length < 0x250 || image.toString('latin1', 0x202, 0x206) !== 'HdrS') return undefined;
  const setupSectors = image[0x1f1] || 4;
  const start = (setupSectors + 1) * 512 + image.readUInt32LE(0x248);
  const end = start + image.readUInt32LE(0x24c);
  return end <= image.length ? image.subarray(start, end) : undefined;
}

function isElf(b: Buffer): boolean {
  return b.length > 4 && b.readUInt32BE(0) === 0x7f454c46;
}

/**
 * An uncompressed ELF vmlinux for QEMU's PVH boot, cached next to the initramfs: under TCG, decompressing
 * an xz bzImage costs about 3 s of every boot. Falls back to the bzImage itself when the kernel lacks PVH
 * support or its payload cannot be unpacked here.
 */
export function bootableKernel(kernel: GuestKernel, cacheDir: string): string {
  let config: string;
  try {
    config = readFileSync(join(dirname(kernel.image), `config-${kernel.version}`), 'utf8');
  } catch {
    return kernel.image;
  }
  if (!/^CONFIG_PVH=y$/m.test(config)) return kernel.image;
  const st = statSync(kernel.image);
  const target = join(cacheDir, `vmlinux-${kernel.version}-${st.size}-${Math.round(st.mtimeMs)}`);
  if (existsSync(target)) return target;
  const payload = bzImagePayload(readFileSync(kernel.image));
  const format = payload && PAYLOADS.find((p) => payload.subarray(0, p.magic.length).equals(p.magic));
  if (!payload || !format) return kernel.image;
  const r = spawnSync(format.argv[0]!, format.argv.slice(1), { input: payload, maxBuffer: 512 * 1024 * 1024 });
  // gzip exits 2 for the trailing bytes after the stream ("trailing garbage ignored"); the ELF check decides.
  if (r.error || !r.stdout || !isElf(r.stdout)) return kernel.image;
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, r.stdout);
  renameSync(partial, target);
  pruneCache(cacheDir, `vmlinux-${kernel.version}-`, target);
  return target;
}
