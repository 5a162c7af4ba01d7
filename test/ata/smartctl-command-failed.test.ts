import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';

/**
 * smartctl's word that a command it sent failed, printed under the information lines (ataprint.cpp: `Read SMART Data
 * failed: scsi error aborted command`, `Read SMART Thresholds failed: …`): smartctl's own line, not an unread one.
 * The output: a real smartctl 6.2 -a of a failing Fujitsu MJA2500BH G2 whose SMART data could not be read (Ubuntu
 * Forums, 2014; test/ata/fixtures/real/smartctl).
 */
const REAL = readFileSync(new URL('./fixtures/real/smartctl/fujitsu-mja2500bh-g2-smartctl62-read-smart-data-failed-unknown-ubuntuforums.txt', import.meta.url), 'utf8');

describe('smartctl: a command smartctl reports as failed', () => {
  it('is smartctl\'s line, the drive and its unknown verdict read', () => {
    const { outputs, issues } = parseSmartctlOutputs(REAL);
    expect(issues).toEqual([]);
    expect([outputs[0]!.model, outputs[0]!.serial, outputs[0]!.firmware, outputs[0]!.health]).toEqual(['FUJITSU MJA2500BH G2', 'K94STA52EAGN', '8919', 'UNKNOWN']);
  });

  it('each such line smartctl prints there, and no other key', () => {
    for (const line of ['Read SMART Thresholds failed: Function not implemented', 'Read Device Identity failed: scsi error unsupported field in scsi command', 'SMART Status command failed: scsi error aborted command']) {
      expect(parseSmartctlOutputs(REAL.replace('Read SMART Data failed: scsi error aborted command', line)).issues).toEqual([]);
    }
    expect(parseSmartctlOutputs(REAL.replace('Read SMART Data failed: scsi error aborted command', 'Reading it failed: twice')).issues.map((i) => i.text)).toEqual(['Reading it failed: twice']);
  });
});

/**
 * smartctl's words on a drive whose SMART is disabled, under its information lines (ataprint.cpp): `SMART Disabled.
 * Use option -s with argument 'on' to enable it.` and `(override with '-T permissive' option)`. The output: a real
 * smartctl 6.2 -a of a Seagate ST3320310CS in a JMicron USB dock (Ubuntu Forums, 2015; test/ata/fixtures/real/smartctl).
 */
const DISABLED = readFileSync(new URL('./fixtures/real/smartctl/seagate-st3320310cs-jm20337-usb-smart-disabled-identity-checksum-gsmartcontrol-smartctl62.txt', import.meta.url), 'utf8');

describe('smartctl: SMART disabled on the drive', () => {
  it('smartctl\'s words on it are its own lines, the drive read', () => {
    const { outputs, issues } = parseSmartctlOutputs(DISABLED);
    expect(issues).toEqual([]);
    expect([outputs[0]!.model, outputs[0]!.serial, outputs[0]!.smartAvailable, outputs[0]!.smartEnabled, outputs[0]!.health]).toEqual(['ST3320310CS', '5TX01EFT', true, false, undefined]);
  });

  it('a person\'s line in their place is still unread', () => {
    const text = DISABLED.replace("(override with '-T permissive' option)", '(what does this mean)');
    expect(parseSmartctlOutputs(text).issues.map((i) => i.text)).toEqual(['(what does this mean)']);
  });
});
