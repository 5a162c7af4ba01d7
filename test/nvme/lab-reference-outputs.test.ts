import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fwSlotFromNvmeCli } from './lab-scenario.js';

/** Real outputs of nvme-cli (2.4) inside the lab guest (Debian 12), kept in fixtures/lab/. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('the lab\'s reference outputs of nvme-cli (2.4)', () => {
  it('turns nvme-cli firmware slot values back into the revision text', () => {
    const json = JSON.parse(fixture('nvme-fw-log.json')) as Record<string, Record<string, string>>;
    expect(fwSlotFromNvmeCli(json.nvme0!['Firmware Rev Slot 1']!)).toBe('1.0');
    // 0x51334234414e5047, the `nvme fw-log` sample of collector-facts §3.4, in the decimal nvme-cli's JSON uses.
    expect(fwSlotFromNvmeCli('5851093133085790279 (GPNA4B3Q)')).toBe('GPNA4B3Q');
    expect(() => fwSlotFromNvmeCli('GPNA4B3Q')).toThrow(/not "<u64> \(<text>\)"/);
  });
});
