import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * A themed prompt above a pasted nvme id-ctrl: the user and host with an emoji glued to them, a word and the directory,
 * then the sign (`patrick@raspberrypi5🌐  in ~/stress $ sudo nvme id-ctrl /dev/nvme0n1`, a real paste of 2024 of a KIOXIA
 * BG5 on a Raspberry Pi 5). It was not taken for a prompt, so the command line was named an unread line of the output.
 */
const OUTPUT = `NVME Identify Controller:
vid       : 0x1e0f
ssvid     : 0x1e0f
sn        : 323PD743Q1Y5        
mn        : KBG50ZNS256G NVMe KIOXIA 256GB          
fr        : 11200104
rab       : 2
ieee      : 8ce38e
cmic      : 0
mdts      : 9
cntlid    : 0
ver       : 0x10400
frmw      : 0x14
npss      : 4
`;

describe('a themed prompt (user@host, an emoji, words and the directory, then the sign) above nvme id-ctrl', () => {
  for (const prompt of ['patrick@raspberrypi5🌐  in ~/stress $ ', 'patrick@raspberrypi5 in ~/stress $ ', 'pi@rpi5🍓 at ~ ❯ ', 'me@box💻 on /srv # ']) {
    it(`${JSON.stringify(prompt)}: the command line is the prompt's, no unread line`, async () => {
      const { db } = await replaySaved('nvme id-ctrl nvme0n1.txt', `${prompt}sudo nvme id-ctrl /dev/nvme0n1\n${OUTPUT}`);
      try {
        expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all()).toEqual([]);
        expect(db.prepare(`SELECT model, serial FROM devices WHERE class = 'nvme'`).all()).toEqual([{ model: 'KBG50ZNS256G NVMe KIOXIA 256GB', serial: '323PD743Q1Y5' }]);
      } finally {
        db.close();
      }
    });
  }
});
