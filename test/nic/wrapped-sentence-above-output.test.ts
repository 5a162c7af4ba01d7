/**
 * A sentence wrapped over two lines above a pasted output, its first line reading as no sentence alone (`Tested on
 * x86-64, mtk7996 radio.  Specifically` / `debugged on 2.4Ghz radio, but I think it affects 5Ghz too.`, quoted in the real
 * linux-wireless reply above an mt7996e ethtool -i): the second line is prose and continues the first, so the first is
 * the same person's words, not an unread line of the output.
 */
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const OUTPUT = '[root@ct523c-a0af ~]# ethtool -i wlan2\ndriver: mt7996e\nversion: 6.7.0-rc3+\nfirmware-version: ____000000-20231012001354\nexpansion-rom-version:\nbus-info: 0000:0d:00.0\nsupports-statistics: yes\n';

async function unread(text: string): Promise<string[]> {
  const { db } = await replaySaved('ethtool -i wlan2.txt', text);
  try {
    return (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[]).map((r) => r.message);
  } finally {
    db.close();
  }
}

describe('a sentence wrapped above an output', () => {
  it.each([
    ['quoted two deep', '> Could you test it?\n>>\n>> Tested on x86-64, mtk7996 radio.  Specifically\n>> debugged on 2.4Ghz radio, but I think it affects 5Ghz too.\n>>\n\nThe problem remains:\n\n'],
    ['at the margin', 'Tested on x86-64, mtk7996 radio. Specifically\ndebugged on 2.4Ghz radio, but I think it affects 5Ghz too.\n\n'],
  ])('%s: both lines the writer\'s', async (_form, above) => {
    expect(await unread(`${above}${OUTPUT}`)).toEqual([]);
  });

  // ethtool's own `Current message level: 0x00000036 (54)` over its `probe link ifdown ifup` (the real openEuler hns3 paste).
  it('a label and its value over a line of words is no sentence\'s head', async () => {
    expect(await unread(`Current message level: 0x00000036 (54)\nprobe link ifdown ifup\n${OUTPUT}`)).toHaveLength(1);
  });

  it('a field line above a sentence is no sentence\'s head', async () => {
    expect(await unread(`firmware-version: 1.2\nlooks old to me, but it is the latest one here.\n\n${OUTPUT}`)).toHaveLength(1);
  });
});
