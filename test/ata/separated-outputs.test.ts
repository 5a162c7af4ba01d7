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

/**
 * smartctl run several times on one drive, each run pasted under its command line (zbx-smartctl issue 129: `smartctl -i`,
 * then `-H`, then `-A` of an MZVLB512HAJQ): a run that shows no drive of its own is a further run on the drive its command
 * line names.
 */
describe('several runs of smartctl pasted one after the other, each under its command line', () => {
  const identity = '# smartctl -i /dev/sdb\nsmartctl 7.0 2018-12-30 r4883 [x86_64-linux-3.10.0] (local build)\n\n=== START OF INFORMATION SECTION ===\nDevice Model:     WDC WD10EZEX-08WN4A0\nSerial Number:    WD-WCC6Y0000001\nFirmware Version: 01.01A01\n\n';
  const health = (node: string): string => `# smartctl -H ${node}\nsmartctl 7.0 2018-12-30 r4883 [x86_64-linux-3.10.0] (local build)\n\n=== START OF READ SMART DATA SECTION ===\nSMART overall-health self-assessment test result: FAILED!\n`;
  const verdicts = async (text: string): Promise<unknown[]> => {
    const { db } = await replaySaved('cmd/smartctl/smartctl sdb.txt', text);
    try {
      return db.prepare(`SELECT d.serial, s.value FROM settings s LEFT JOIN devices d ON d.device_key = s.device_key WHERE s.namespace = 'smartctl' AND s.key = 'health'`).all();
    } finally {
      db.close();
    }
  };

  it('a run showing only the health verdict is the same drive\'s, on the node they both name', async () => {
    expect(await verdicts(`${identity}${health('/dev/sdb')}`)).toEqual([{ serial: 'WD-WCC6Y0000001', value: 'FAILED' }]);
  });

  it('a run on another node is another drive\'s', async () => {
    expect(await verdicts(`${identity}${health('/dev/sdc')}`)).toEqual([{ serial: null, value: 'FAILED' }]);
  });
});
