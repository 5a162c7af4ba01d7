import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lspciBlocks, lspciConfigBytes, lspciLink } from './lab-scenario.js';

/** Real outputs of lspci (pciutils 3.9) inside the lab guest (Debian 12), kept in fixtures/lab/. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('the lab\'s reference outputs of lspci (pciutils 3.9)', () => {
  it('splits lspci -D -xxxx into one 4096- or 256-byte config space per function', () => {
    const blocks = lspciBlocks(fixture('lspci-D-xxxx.txt'));
    expect(blocks.size).toBe(10);
    const host = lspciConfigBytes(blocks.get('0000:00:00.0')!);
    expect(host.length).toBe(256);
    expect(host.readUInt16LE(0)).toBe(0x8086);
    const nvme = lspciConfigBytes(blocks.get('0000:01:00.0')!);
    expect(nvme.length).toBe(4096);
    expect(nvme.readUInt16LE(0)).toBe(0x1b36);
  });

  it('refuses a row that is not lspci -x output or skips an offset', () => {
    expect(() => lspciConfigBytes(['00: 86 80', '20: 00'])).toThrow(/row at 20 follows 2 bytes/);
    expect(() => lspciConfigBytes(['Capabilities: [40] Express'])).toThrow(/not an lspci -x row/);
  });

  it('reads LnkCap and LnkSta speed and width from lspci -vvv', () => {
    const blocks = lspciBlocks(fixture('lspci-D-vvv.txt'));
    expect(lspciLink(blocks.get('0000:00:03.0')!, 'LnkCap')).toEqual({ speedGts: 8, width: 4 });
    expect(lspciLink(blocks.get('0000:00:03.0')!, 'LnkSta')).toEqual({ speedGts: 2.5, width: 1 });
    expect(lspciLink(blocks.get('0000:00:1f.2')!, 'LnkSta')).toBeUndefined();
    expect(lspciLink(['\t\tLnkSta:\tSpeed 16GT/s (ok), Width x8 (downgraded)'], 'LnkSta')).toEqual({ speedGts: 16, width: 8 });
  });
});
