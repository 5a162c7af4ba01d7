import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootableKernel, bzImagePayload } from './kernel-image.js';
import { findGuestKernel } from './prereqs.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lab-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uncompressed kernel for PVH boot', () => {
  it('finds the payload through the boot protocol header', () => {
    const image = Buffer.alloc(2048);
    image.write('HdrS', 0x202, 'latin1');
    image[0x1f1] = 1;
    image.writeUInt32LE(0x10, 0x248);
    image.writeUInt32LE(4, 0x24c);
    image.write('PAYL', 2 * 512 + 0x10, 'latin1');
    expect(bzImagePayload(image)?.toString('latin1')).toBe('PAYL');
    image.writeUInt32LE(4096, 0x24c);
    expect(bzImagePayload(image)).toBeUndefined();
    expect(bzImagePayload(Buffer.alloc(2048))).toBeUndefined();
  });

  it('falls back to the image itself when there is no kernel config saying PVH', () => {
    const kernel = { version: '0.0-test', image: join(dir, 'vmlinuz-0.0-test'), modulesDir: join(dir, 'modules') };
    expect(bootableKernel(kernel, dir)).toBe(kernel.image);
  });

  const kernel = findGuestKernel();
  it.runIf(kernel !== undefined)('unpacks the installed guest kernel into an ELF image', () => {
    const path = bootableKernel(kernel!, dir);
    if (path === kernel!.image) return expect(bzImagePayload(readFileSync(path))).toBeDefined();
    expect(readFileSync(path).readUInt32BE(0)).toBe(0x7f454c46);
  }, 60_000);
});
