/**
 * nvme-cli issue 1645: FreeBSD 13.1's nvme-cli 1.8.1 port traced its Get Log Page (`opc: 0x2 … len: 0x200 is_read: 0`)
 * and printed a smart-log of zeros (temperature -273 C, i.e. 0 K). FreeBSD's passthrough (`struct nvme_pt_command`,
 * sys/dev/nvme/nvme.h) moves the buffer to the controller when `is_read` is 0 and reads nothing back: the log printed
 * is nvme-cli's own empty buffer, not the drive's. Stored as data it said "0 power-on hours, 0% spare, -273 °C". The
 * output's own trace shows it, so nothing of it is stored and a PARSE issue says why; a trace with `is_read: 1`, or one
 * of a command that carries no data (`len: 0`), reads as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartLogText } from '../../analyzer/classes/nvme/nvme-smart-log-text.js';
import { parseFwLogText, parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/smart-log/freebsd-nvd1-nvmecli1645-cli181-trace.txt', import.meta.url), 'utf8');
const trace = (opc: string, cdw10: string, len: string, isRead: number): string =>
  `0xc0484e41: opc: ${opc} fuse: 0 cid 0 nsid:0xffffffff cmd2: 0 cmd3: 0\n          : cdw10: ${cdw10} cdw11: 0 cdw12: 0 cdw13: 0\n          : cdw14: 0 cdw15: 0 len: ${len} is_read: ${isRead}\n<--- 0 cid: 0 status 0\n`;
const FW = 'Firmware Log for device:nvme0\nafi  : 0\n';
const ID = 'NVME Identify Controller:\nvid     : 0\nssvid   : 0\nsn      : \nmn      : \nfr      : \n';

describe('FreeBSD: a data command traced with is_read: 0 read nothing back', () => {
  it('the real smart-log of zeros is not stored as the drive\'s log', () => {
    expect(() => parseSmartLogText(SAMPLE)).toThrow(/is_read: 0.*reads nothing back/);
  });
  it('so for fw-log (Get Log Page) and id-ctrl (Identify, opc 0x6)', () => {
    expect(() => parseFwLogText(`${trace('0x2', '0x7f0003', '0x200', 0)}${FW}`)).toThrow(/is_read: 0/);
    expect(() => parseIdCtrlText(`${trace('0x6', '0x1', '0x1000', 0)}${ID}`)).toThrow(/is_read: 0/);
  });
  it('is_read: 1, or a command with no data, reads as before', () => {
    expect(parseFwLogText(`${trace('0x2', '0x7f0003', '0x200', 1)}${FW}`)).toMatchObject({ activeSlot: 0, issues: [] });
    expect(parseFwLogText(`${trace('0x9', '0x7', '0', 0)}${FW}`)).toMatchObject({ activeSlot: 0, issues: [] });
  });
});
