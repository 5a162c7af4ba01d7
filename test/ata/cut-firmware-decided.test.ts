/**
 * A firmware the SCSI layer gives as 4 characters (`…1A2B`) is known by its end: a quirk entry whose listed firmwares
 * would all show other characters there does not apply, whatever the rest of the firmware is (the rule passes); one
 * that would show the same characters may or may not be the drive's (the rule skips, saying the firmware is cut).
 * Before, every firmware condition on such a version was left undecided: the Maxtor 7V300F0 showing 1A2B, which no
 * VA111630 shows, was a skip for want of a firmware the bundle does hold the end of.
 */
import { describe, expect, it } from 'vitest';
import { inquiryRevisionOf, inquiryRevisionsOf, revisionGlobs } from '../../analyzer/rules/cut-version.js';
import { globMatch } from '../../analyzer/version/index.js';
import { replayTree } from '../helpers/replay-tree.js';

const lsscsi = (rows: [string, string][]): Buffer =>
  Buffer.from(`${rows.map(([model, rev], i) => `[${i}:0:0:0]    disk    ATA      ${model.padEnd(16)} ${rev.padEnd(4)}  /dev/sd${'abcdefgh'[i]} `).join('\n')}\n`);

type Db = Awaited<ReturnType<typeof replayTree>>['db'];
const result = (db: Db, rule: string, key: string): { result: string; missing: string | null } | undefined =>
  db.prepare(`SELECT result, missing FROM rule_results WHERE rule_id = ? AND device_key = ?`).get(rule, key) as { result: string; missing: string | null } | undefined;

const NCQ_VA111630 = 'ata.libata-quirk.maxtor-7v300f0-va111630.noncq';
const NCQ_SD15_19 = 'ata.libata-quirk.st31500341as-sd1-5-9.noncq';
const NCQ_BANC = 'ata.libata-quirk.maxtor-banc.noncq';

describe('a firmware known by its last 4 characters decides the quirk entries those characters rule in or out', () => {
  it('characters no listed firmware ends with: the entry does not apply (pass)', async () => {
    const { db } = await replayTree({ 'cmd/lsscsi/lsscsi.txt': lsscsi([['Maxtor 7V300F0', '1A2B'], ['ST31500341AS', 'CC1H']]) });
    expect(result(db, NCQ_VA111630, 'ata:sda')).toEqual({ result: 'pass', missing: null });
    // SD15 to SD19 are 4 characters: the revision of such a firmware is itself; CC1H is no SD1[5-9], nor the end of one.
    expect(result(db, NCQ_SD15_19, 'ata:sdb')).toEqual({ result: 'pass', missing: null });
    const issues = db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARTIAL-FIRMWARE'`).all() as { message: string }[];
    expect(issues.map((x) => x.message).join('\n')).toMatch(/decided on it only where no firmware the quirk lists would end so \(it does not apply\)/);
  });

  it('characters a listed firmware ends with, starts with (as a USB bridge shows them), or is: not known (skip), the skip saying the firmware is only its end', async () => {
    const { db } = await replayTree({ 'cmd/lsscsi/lsscsi.txt': lsscsi([['Maxtor 7V300F0', '1630'], ['ST31500341AS', 'SD17'], ['Maxtor 6L250S0', 'BANC'], ['Maxtor 7V300F0', 'VA11']]) });
    for (const [rule, key, cut] of [[NCQ_VA111630, 'ata:sda', '…1630'], [NCQ_SD15_19, 'ata:sdb', '…SD17'], [NCQ_BANC, 'ata:sdc', '…BANC'], [NCQ_VA111630, 'ata:sdd', '…VA11']] as const) {
      const r = result(db, rule, key);
      expect(r?.result, rule).toBe('skip');
      expect(r?.missing, rule).toBe(`firmware firmware (running) in full (${cut} is only its end, as the SCSI layer gives an ATA drive's firmware)`);
    }
  });
});

describe('the INQUIRY revision of a firmware, and the globs its revision matches', () => {
  it('is the last 4 of the 8 characters, the first 4 when those are blank', () => {
    expect(['VA111630', '24.09P07', 'SN01', 'AB12345', 'A03.0900', '1.30'].map(inquiryRevisionOf)).toEqual(['1630', '9P07', 'SN01', '345', '0900', '1.30']);
  });

  it('a bridge may show the first 4 instead: both are revisions of the firmware', () => {
    expect(['VA111630', '01.01A01', 'SN01', '1.30'].map(inquiryRevisionsOf)).toEqual([['1630', 'VA11'], ['1A01', '01.0'], ['SN01', 'SN01'], ['1.30', '1.30']]);
  });

  it('a revision matches a glob\'s revision globs when some firmware of at most 8 characters the glob matches gives it, either way', () => {
    const firmwares = ['VA111630', 'SD15', 'SD19', 'xxxxSD17', 'BANC', 'BANC1G10', 'BANCxx', 'SB00', 'SB01', '0001SDM1', 'AB123', 'ABCD1630', '1630', '01.01A01', 'ZZZZSDM1'];
    for (const glob of ['VA111630', 'SD1[5-9]', 'BANC*', 'SB0[01]', '*SDM1', '?*', '1630', 'AB*3', '01.01A0[1-3]']) {
      const given = new Set(firmwares.filter((f) => globMatch(glob, f)).flatMap(inquiryRevisionsOf));
      for (const rev of new Set(firmwares.flatMap(inquiryRevisionsOf))) {
        if (given.has(rev)) expect(revisionGlobs(glob).some((g) => globMatch(g, rev)), `${glob} ${rev}`).toBe(true);
      }
      // BANCZZZZ shows ZZZZ, and ZZZZSDM1 shows it to a bridge: a glob open after 4 characters, or before them, rules no revision out.
      expect(revisionGlobs(glob).some((g) => globMatch(g, 'ZZZZ')), glob).toBe(['?*', 'BANC*', '*SDM1'].includes(glob));
      // Neither end of any firmware these globs match is Q0Q0.
      expect(revisionGlobs(glob).some((g) => globMatch(g, 'Q0Q0')), glob).toBe(['?*', 'BANC*', '*SDM1'].includes(glob));
    }
  });
});
