import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs, wrappedAttributeRow } from '../../analyzer/classes/ata/smartctl.js';

/**
 * An information line a page or a mail client wrapped inside a bracketed value (`Device is: Not in smartctl database
 * [for details use: -P` then `showall]`, 73 characters at a margin of 72; `[3.00` then `TB]`): the line right under it
 * that closes the bracket is the value's rest. Before, the rest was an unread line, and one that looks like a field
 * (`use: -P showall]`) a key smartctl does not print. The output is the real smartctl 5.41 -a of a Seagate ST3000DM001
 * (test/ata/fixtures/real/smartctl/fastvps10-st3000dm001-smartctl541), wrapped as a mail client wraps it.
 */
const REAL = readFileSync(new URL('./fixtures/real/smartctl/fastvps10-st3000dm001-smartctl541.txt', import.meta.url), 'utf8');
const DEVICE_IS = 'Device is:        Not in smartctl database [for details use: -P showall]';
const CAPACITY = 'User Capacity:    3,000,592,982,016 bytes [3.00 TB]';
const read = (text: string) => {
  const { outputs, issues } = parseSmartctlOutputs(text);
  return { info: outputs[0]!, issues: issues.map((i) => i.text.trim()) };
};

describe('smartctl: an information value wrapped inside its brackets', () => {
  it('reads the wrapped rest as the value\'s, no unread line', () => {
    expect(REAL).toContain(DEVICE_IS);
    for (const [device, capacity] of [
      ['Device is:        Not in smartctl database [for details use: -P\nshowall]', 'User Capacity:    3,000,592,982,016 bytes [3.00\nTB]'],
      ['Device is:        Not in smartctl database [for details\nuse: -P showall]', 'User Capacity:    3,000,592,982,016 bytes\n[3.00 TB]'],
    ] as const) {
      const whole = read(REAL);
      const r = read(REAL.replace(DEVICE_IS, device).replace(CAPACITY, capacity));
      expect(r.issues).toEqual(whole.issues);
      expect(r.info.fields['Device is']).toBe('Not in smartctl database [for details use: -P showall]');
      expect([r.info.model, r.info.firmware, r.info.capacityBytes, r.info.health]).toEqual(['ST3000DM001-9YN166', 'CC4C', 3000592982016, 'PASSED']);
    }
  });

  it('a line under a closed value, after a blank line, or that does not close the bracket is not joined', () => {
    const after = read(REAL.replace(DEVICE_IS, `${DEVICE_IS}\nshowall]`));
    expect(after.issues).toContain('showall]');
    expect(after.info.fields['Device is']).toBe('Not in smartctl database [for details use: -P showall]');
    const open = read(REAL.replace(DEVICE_IS, 'Device is:        Not in smartctl database [for details use: -P\nwhat does this mean?'));
    expect(open.issues).toContain('what does this mean?');
  });
});

describe('smartctl: an attribute row wrapped in two', () => {
  const row = '194 Temperature_Celsius     0x0022   036   052   000    Old_age   Always       -       36 (Min/Max 20/52)';
  it('joins a row\'s start to its rest at any field\'s end, and an open raw value to the line that closes it', () => {
    const words = row.split(/(?<=\S)\s+(?=\S)/);
    for (let i = 2; i < words.length; i++) {
      const [a, b] = [row.slice(0, row.indexOf(words[i]!, row.indexOf(words[i - 1]!) + words[i - 1]!.length)).trimEnd(), row.slice(row.indexOf(words[i]!, row.indexOf(words[i - 1]!) + words[i - 1]!.length))];
      const got = wrappedAttributeRow(a, b);
      expect(got?.raw, `${a} | ${b}`).toBe('36 (Min/Max 20/52)');
      expect(got?.value).toBe(36);
    }
  });
  it('never joins a row to the next row, or a whole row to a line', () => {
    expect(wrappedAttributeRow('  9 Power_On_Hours          0x0032   097   097   000    Old_age', '194 Temperature_Celsius     0x0022   036   052   000    Old_age   Always       -       36')).toBeUndefined();
    expect(wrappedAttributeRow('  9 Power_On_Hours          0x0032   097   097   000    Old_age   Always       -       2863', '5 more')).toBeUndefined();
    expect(wrappedAttributeRow('194 Temperature_Celsius     0x0022   036   052   000    Old_age   Always       -       36 (Min/Max', 'no idea')).toBeUndefined();
  });
});
