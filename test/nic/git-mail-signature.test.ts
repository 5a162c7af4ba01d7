import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * A patch mailed by git format-patch ends in git's signature: the marker `-- ` and git's version under it (`2.39.2`).
 * Saved with the output a patch carries, those two lines are the mail's, text around the output, never unread lines.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/${f}.txt`, import.meta.url), 'utf8');

async function unread(savedAs: string, text: string): Promise<{ parse: number; around: string[] }> {
  const { db } = await replaySaved(savedAs, text);
  try {
    const of = (code: string): string[] => (db.prepare('SELECT message FROM collection_issues WHERE code = ?').all(code) as { message: string }[]).map((r) => r.message);
    return { parse: of('PARSE-LINE').length, around: of('PASTE-AROUND') };
  } finally {
    db.close();
  }
}

describe("git's mail signature under an output", () => {
  it.each(['2.39.2', '2.34.1.windows.1', '2.45.0.rc1'])('devlink dev info, then -- and %s: the mail\'s', async (version) => {
    const r = await unread('cmd/devlink/devlink dev info.txt', `${real('devlink-dev-info/qed-two-pf')}-- \n${version}\n\n`);
    expect(r.parse).toBe(0);
    expect(r.around).toEqual(['text around the output, 2 lines, not read (lines 18–19)']);
  });

  it('ethtool -i, a closing, then -- and the version: all the mail\'s', async () => {
    const r = await unread('cmd/ethtool/ethtool-i-eth0.txt', `${real('ethtool-i/e1000e-ethq11')}\nThanks,\nJane\n-- \n2.39.2\n`);
    expect(r.parse).toBe(0);
    expect(r.around).toHaveLength(1);
  });

  // A mail client that sets `--` as a dash (MailMate, a web page's typography) signs with an em or en dash and the name.
  it.each(['\u2014\nJonathan\n', '\u2013\nJane Roe\n', '--\nJ. Roe\n'])('devlink dev info, then a dash marker and a name (%j): the mail\'s', async (signed) => {
    const r = await unread('cmd/devlink/devlink dev info.txt', `${real('devlink-dev-info/qed-two-pf')}\n${signed}`);
    expect(r.parse).toBe(0);
    expect(r.around).toHaveLength(1);
  });

  // A series' changelog under the output its cover letter shows (the octeontx2 representor letter): `vN-vM:` and `Changes in vN:` head each version's list.
  it.each([['v1-v2:', 'v2-v3:'], ['v1 -> v2:', 'v2 -> v3:'], ['Changes in v2:', 'Changes since v3:']])('devlink dev info, then a changelog headed %s: the mail\'s', async (a, b) => {
    const r = await unread('cmd/devlink/devlink dev info.txt', `${real('devlink-dev-info/qed-two-pf')}\n-----------\n${a}\n -Fixed build warnings.\n\n${b}\n - Used extack for error messages.\n`);
    expect(r.parse).toBe(0);
  });

  it('a version line alone after an output, no marker above it, stays the parser\'s', async () => {
    const r = await unread('cmd/devlink/devlink dev info.txt', `${real('devlink-dev-info/qed-two-pf')}2.39.2\n`);
    expect(r.parse).toBe(1);
  });
  // A mail client's signature (the real linux-wireless reply with an mt7996e ethtool -i): the marker, the writer's name and
  // address, the company and its site, up to four lines (RFC 3676's advice) to the end of the mail.
  it.each([
    '-- \nBen Greear <greearb@candelatech.com>\nCandela Technologies Inc  http://www.candelatech.com\n\n\n',
    '-- \nJane Roe\njane@example.org\n',
    '--\nJ. Roe <jroe@example.com>\nExample Networks, Inc.\n+1 555 0100\nhttps://example.com\n',
  ])('ethtool -i, then a signature with an address or a site (%j): the mail\'s', async (signed) => {
    const r = await unread('cmd/ethtool/ethtool-i-eth0.txt', `${real('ethtool-i/e1000e-ethq11')}\nThanks,\nBen\n\n\n${signed}`);
    expect(r.parse).toBe(0);
  });

  it("grep's group separator between two ethtool -i outputs is no signature: the second output is read", async () => {
    const { db } = await replaySaved('cmd/ethtool/ethtool-i-eth0.txt', '# grep -A4 driver: ethtool-i-*.txt\ndriver: igb\nversion: 5.6.0-k\nfirmware-version: 1.63, 0x800009fa\nexpansion-rom-version:\nbus-info: 0000:02:00.0\n--\ndriver: e1000e\nversion: 3.2.6-k\nfirmware-version: 0.13-4\nexpansion-rom-version:\nbus-info: 0000:00:19.0\n');
    try {
      expect((db.prepare(`SELECT driver FROM devices WHERE class = 'net' ORDER BY driver`).all() as { driver: string }[]).map((r) => r.driver)).toContain('e1000e');
    } finally {
      db.close();
    }
  });
});
