import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../../analyzer/classes/index.js';
import { fillPlaceholders } from '../../../analyzer/report/placeholders.js';
import { defaultRulesDir, loadRules } from '../../../analyzer/rules/load-rules.js';

// A command in a fix text carries the device it is about: `<BDF>` is filled from the finding's device
// address, a class's own (`<port>` of a drive) from its key. What is left for the reader are values only
// the reader chooses (the value to set back, the firmware image file).
const FILLED = new Set(['BDF', 'port']);
const READER_CHOOSES = new Set(['value', 'current', 'image']);

const roles = new Map(CLASSES.flatMap((c) => Object.entries(c.inventory ?? {})));

describe('remediation placeholders', () => {
  const rules = loadRules(defaultRulesDir());
  it('every placeholder of every rule is one the report fills or a value the reader chooses', () => {
    const strays = rules.flatMap((r) => [...r.remediation.matchAll(/<([A-Za-z_]+)>/g)].map((m) => m[1]!).filter((n) => !FILLED.has(n) && !READER_CHOOSES.has(n)).map((n) => `${r.id}: <${n}>`));
    expect(strays).toEqual([]);
  });
  it('fills the device address; leaves the reader\'s own values (a class\'s own placeholders: test/<class>/)', () => {
    const none = new Map();
    expect(fillPlaceholders('tool -r -i <BDF>', 'made-up:0000:01:00.0', { class: 'made-up', pci_address: '0000:01:00.0' }, none)).toBe('tool -r -i 0000:01:00.0');
    expect(fillPlaceholders('tool -d <BDF> set NAME=<value>', '0000:3b:00.0', { class: 'made-up', pci_address: '0000:3b:00.0' }, roles)).toBe('tool -d 0000:3b:00.0 set NAME=<value>');
  });
});
