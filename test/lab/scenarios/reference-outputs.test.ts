import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hdparmIdentifyWords } from './ata.js';
import { fwSlotFromNvmeCli } from './nvme.js';
import { lspciBlocks, lspciConfigBytes, lspciLink } from './pci.js';

/** Real outputs of the tools inside the lab guest (Debian 12: pciutils 3.9, nvme-cli 2.4, hdparm 9.65). */
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('reading the reference tools of the lab', () => {
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

  it('turns nvme-cli firmware slot values back into the revision text', () => {
    const json = JSON.parse(fixture('nvme-fw-log.json')) as Record<string, Record<string, string>>;
    expect(fwSlotFromNvmeCli(json.nvme0!['Firmware Rev Slot 1']!)).toBe('1.0');
    // 0x51334234414e5047, the `nvme fw-log` sample of collector-facts §3.4, in the decimal nvme-cli's JSON uses.
    expect(fwSlotFromNvmeCli('5851093133085790279 (GPNA4B3Q)')).toBe('GPNA4B3Q');
    expect(() => fwSlotFromNvmeCli('GPNA4B3Q')).toThrow(/not "<u64> \(<text>\)"/);
  });

  it('reads the 256 IDENTIFY words of hdparm --Istdout', () => {
    const words = hdparmIdentifyWords(fixture('hdparm-Istdout-sda.txt'));
    expect(words.length).toBe(256);
    expect(words[0]).toBe(0x0040);
  });
});
