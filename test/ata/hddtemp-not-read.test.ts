/**
 * hddtemp prints a drive's node, a model and a temperature: no serial, no firmware. fwsnap does not read it. No rule
 * keys on temperature, and a model alone would name a drive less exactly than the outputs read beside it: through the
 * SCSI layer hddtemp prints the INQUIRY vendor and 16-character product (`ATA WDC WD10EARS-00Y` of a WD10EARS-00Y5B1),
 * which a libata quirk keyed on the model could take for a whole model. A saved hddtemp output is kept as unread and
 * named so, and makes no device. Real samples: test/ata/fixtures/unread/ (with their provenance).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from './../helpers/replay-tree.js';

const sample = (name: string): string => readFileSync(new URL(`./fixtures/unread/${name}.txt`, import.meta.url), 'utf8');

describe('a saved hddtemp output', () => {
  it.each(['hddtemp-samsung-870-evo-guzu-issue25', 'hddtemp-hpsa-p410i-scsi-model-vitlav-issue1'])('%s: kept as unread, named so, no device made', async (name) => {
    const { db } = await replayTree({ 'hddtemp.txt': sample(name) });
    const issues = db.prepare(`SELECT code, target, message FROM collection_issues`).all() as { code: string; target: string; message: string }[];
    expect(issues.map((i) => [i.code, i.target])).toEqual([['NOT_READ', 'hddtemp.txt']]);
    expect(issues[0]!.message).toMatch(/no tool fwsnap reads \(kept as unread\/hddtemp\.txt\)/);
    expect(db.prepare(`SELECT device_key FROM devices`).all()).toEqual([]);
  });
});
