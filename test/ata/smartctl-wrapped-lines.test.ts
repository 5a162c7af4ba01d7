import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';

/**
 * Real smartctl outputs wrapped as a page or a mail client wraps them (at a word, the space eaten) and cut as a
 * terminal or a page cuts them (at one column, inside a word or a field): every information value and every row of
 * the attribute table is read as in the whole output, and no line is left unread. The outputs: smartctl 6.2 -a of a
 * Samsung SSD 850 EVO (the long attribute table) and smartctl 7.0 -x of a Kingston SUV400S37240G (the brief table
 * `-x` prints, `PO--CK` flags), both in test/ata/fixtures/real/smartctl.
 */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/real/smartctl/${name}.txt`, import.meta.url), 'utf8');
const LONG = fixture('samsung-850-evo-250gb-smartctl62-one-line-banner-selftest-checksum');
const BRIEF = fixture('kingston-suv400s37240g-linuxhw-smartctl70');

/** A line's tabs as a terminal shows them, blanks to the next multiple of 8. */
const expandTabs = (l: string): string => l.replace(/[^\t]*\t/g, (m) => m.slice(0, -1).padEnd(Math.ceil(m.length / 8) * 8));

/** Each line, as a terminal shows it, longer than `width` broken at its last blank within the width, the blanks there dropped (a mail client). */
function wordWrap(text: string, width: number): string {
  return text.split('\n').map(expandTabs).flatMap((l) => {
    const out: string[] = [];
    let rest = l;
    while (rest.length > width) {
      // The last blank within the width after the line's indentation, or else the first one after it (a long word).
      const indent = rest.search(/\S/);
      const within = rest.slice(indent, width + 1).search(/\s+\S*$/);
      const beyond = rest.slice(indent).search(/\s/);
      const at = within > 0 ? indent + within : beyond > 0 ? indent + beyond : -1;
      if (at < 0) break;
      out.push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at).trimStart();
    }
    return [...out, rest];
  }).join('\n');
}

/** Each line, as a terminal shows it, cut every `width` columns wherever that falls (a terminal, a page's fixed-width box). */
const hardCut = (text: string, width: number): string =>
  text.split('\n').map(expandTabs).flatMap((l) => { const out: string[] = []; for (let i = 0; i < l.length || i === 0; i += width) out.push(l.slice(i, i + width)); return out; }).join('\n');

const read = (text: string) => {
  const { outputs, issues } = parseSmartctlOutputs(text);
  const o = outputs[0]!;
  return { fields: o.fields, model: o.model, serial: o.serial, firmware: o.firmware, sata: o.sataVersion, capacity: o.capacityBytes, health: o.health, attributes: o.attributes, issues: issues.map((i) => i.text.trim()) };
};

describe('smartctl: an information value wrapped with no bracket open', () => {
  for (const [name, text] of [['long', LONG], ['brief', BRIEF]] as const) {
    it(`reads a model wrapped at a word, and other values, as one (${name})`, () => {
      const whole = read(text);
      const model = whole.model!;
      const cutAt = model.lastIndexOf(' ');
      const wrapped = read(text.replace(`Device Model:     ${model}\n`, `Device Model:     ${model.slice(0, cutAt)}\n${model.slice(cutAt + 1)}\n`)
        .replace(/^(ATA Version is: +.*?) (\S+)$/m, '$1\n$2'));
      expect(wrapped.issues).toEqual(whole.issues);
      expect(wrapped.model).toBe(model);
      expect(wrapped.fields['ATA Version is']).toBe(whole.fields['ATA Version is']);
    });
  }

  it('a person\'s question or note under a value, or a line after a blank one, is not the value\'s', () => {
    const q = read(LONG.replace('Device Model:     Samsung SSD 850 EVO 250GB\n', 'Device Model:     Samsung SSD 850 EVO 250GB\nis this the bad one?\n'));
    expect(q.model).toBe('Samsung SSD 850 EVO 250GB');
    expect(q.issues).toContain('is this the bad one?');
    const note = read(LONG.replace('Device Model:     Samsung SSD 850 EVO 250GB\n', 'Device Model:     Samsung SSD 850 EVO 250GB\nNote: replaced in May\n'));
    expect(note.model).toBe('Samsung SSD 850 EVO 250GB');
    const gap = read(LONG.replace('Device Model:     Samsung SSD 850 EVO 250GB\n', 'Device Model:     Samsung SSD 850 EVO 250GB\n\nthe new one\n'));
    expect(gap.model).toBe('Samsung SSD 850 EVO 250GB');
  });
});

describe('smartctl: a whole output wrapped by a page or a mail client, or cut by a terminal', () => {
  for (const [name, text] of [['long', LONG], ['brief', BRIEF]] as const) {
    const whole = read(text);
    for (const width of [40, 50, 60, 66, 72, 76]) {
      it(`${name} table, wrapped at a word at ${width} columns`, () => {
        expect(read(wordWrap(text, width))).toEqual(whole);
      });
    }
    for (const width of [40, 45, 52, 60, 72, 80]) {
      it(`${name} table, cut at ${width} columns`, () => {
        expect(read(hardCut(text, width))).toEqual(whole);
      });
    }
  }
});
