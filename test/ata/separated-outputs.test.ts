import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * Two real `smartctl -x` outputs of two drives pasted one after the other in one file, with no command line, parted by
 * a rule a person typed: each is read as it would be alone.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${f}.txt`, import.meta.url), 'utf8');
const TRANSCEND = real('transcend-mts420s-jmb39x-attribute-check');
const WD = real('wd-caviar-se-cygwin');
const RULES = ['---\n', '===\n', '-----8<-----\n', '\n-----\n\n', '\n'];

describe('two smartctl -x outputs in one pasted file, a rule between them', () => {
  it('parses each output as it would be alone, the rule no line of either', () => {
    for (const rule of RULES) {
      const both = parseSmartctlOutputs(`${TRANSCEND}${rule}${WD}`).outputs;
      const alone = [parseSmartctlOutputs(TRANSCEND).outputs[0]!, parseSmartctlOutputs(WD).outputs[0]!];
      expect(both.map((i) => [i.model, i.serial, i.firmware, i.health, i.fields]), JSON.stringify(rule)).toEqual(alone.map((i) => [i.model, i.serial, i.firmware, i.health, i.fields]));
      expect(both.flatMap((i) => i.issues).length, JSON.stringify(rule)).toBe(alone.flatMap((i) => i.issues).length);
    }
  });

  for (const name of ['cmd/smartctl/-x.txt', 'cmd/smartctl/-x_sda.out']) {
    it(`saved as ${name}: both drives, with their firmware`, async () => {
      const { db } = await replaySaved(name, `${TRANSCEND}---\n${WD}`);
      try {
        expect(db.prepare(`SELECT d.serial, f.version FROM firmware f JOIN devices d ON d.device_key = f.device_key ORDER BY d.serial`).all()).toEqual([
          { serial: 'F110980780', version: 'S0509A0' }, { serial: 'WD-WMAL91073786', version: '08.02D08' },
        ]);
      } finally {
        db.close();
      }
    });
  }

  it('two outputs of one drive (one serial): the later is read, the earlier noted', async () => {
    const { db } = await replaySaved('cmd/smartctl/-x_sda.out', `${TRANSCEND}---\n${TRANSCEND.replace('S0509A0', 'S0509A1')}`);
    try {
      expect(db.prepare(`SELECT device_key, version FROM firmware`).all()).toEqual([{ device_key: 'ata:sda', version: 'S0509A1' }]);
      expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
