/**
 * nvme-cli's dump of the command it sent, printed above the output with `-vv` (nvme-cli 2.14 to 2.16, logging.c
 * `nvme_show_common` / `nvme_show_command` / `nvme_show_latency`, each line `"%s: %s\n"` of a key padded to 13), and by
 * `admin-passthru --show-command` since 1.x (nvme.c): the command's fields, what came back and how long it took. These
 * are nvme-cli's own lines, not the output's: no unread line, and none taken for a field of the output.
 */
import { describe, expect, it } from 'vitest';
import { parseFwLogText, parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';
import { parseSmartLogText } from '../../analyzer/classes/nvme/nvme-smart-log-text.js';
import { parseIdNsText } from '../../analyzer/classes/nvme/nvme-id-ns.js';

const dump = (opcode: string, nsid: string, len: string, cdw10: string): string => [
  `opcode       : ${opcode}`, 'flags        : 00', 'rsvd1        : 0000', `nsid         : ${nsid}`, 'cdw2         : 00000000',
  'cdw3         : 00000000', `data_len     : ${len}`, 'metadata_len : 00000000', 'addr         : 55d0c1c4f000',
  'metadata     : 0', `cdw10        : ${cdw10}`, 'cdw11        : 00000000', 'cdw12        : 00000000', 'cdw13        : 00000000',
  'cdw14        : 00000000', 'cdw15        : 00000000', 'timeout_ms   : 00000000', 'result       : 00000000', 'err          : 0',
  'latency      : 187 us', '',
].join('\n');

const ID_CTRL = 'NVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\nfrmw      : 0x16\n';
const FW_LOG = 'Firmware Log for device:nvme0\nafi  : 0x1\nfrs1 : 0x374d584551324232 (2B2QEXM7)\n';
const SMART = 'Smart Log for NVME device:nvme0 namespace-id:ffffffff\ncritical_warning                        : 0\ntemperature                             : 36 °C (309 K)\navailable_spare                         : 100%\n';
const ID_NS = 'NVME Identify Namespace 1:\nnsze    : 0x74706db0\nncap    : 0x74706db0\nnuse    : 0x1c3a9b58\nflbas   : 0\nlbaf  0 : ms:0   lbads:9  rp:0 (in use)\n';

describe('nvme-cli -vv command dump above an output', () => {
  it('id-ctrl: no unread line, no dump key taken for an id-ctrl field', () => {
    const r = parseIdCtrlText(`${dump('06', '00000000', '00001000', '00000001')}${ID_CTRL}`);
    expect(r.issues).toEqual([]);
    expect(Object.keys(r.fields)).toEqual(['vid', 'ssvid', 'sn', 'mn', 'fr', 'frmw']);
  });
  it('fw-log: no unread line', () => {
    expect(parseFwLogText(`${dump('02', 'ffffffff', '00000200', '007f0003')}${FW_LOG}`)).toEqual({ activeSlot: 1, nextResetSlot: null, slots: { 1: '2B2QEXM7' }, issues: [] });
  });
  it('smart-log: no unread line', () => {
    const r = parseSmartLogText(`${dump('02', 'ffffffff', '00000200', '007f0002')}${SMART}`);
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ criticalWarning: 0, temperatureC: 36, availableSparePct: 100 });
  });
  it('id-ns: no unread line', () => {
    expect(parseIdNsText(`${dump('06', '00000001', '00001000', '00000000')}${ID_NS}`).issues).toEqual([]);
  });
  it('a retried command says so above its dump (nvme_log_retry)', () => {
    expect(parseFwLogText(`passthru command returned 'Resource temporarily unavailable'\n${dump('02', 'ffffffff', '00000200', '007f0003')}${FW_LOG}`).issues).toEqual([]);
  });
  it('a dump key alone, not under an opcode line, is still an unread line', () => {
    expect(parseFwLogText(`${FW_LOG}err          : 0\n`).issues).toHaveLength(1);
  });
});

/**
 * nvme-cli 3.0's -vv prints the bytes the command moved under the dump (logging.c `nvme_show_datum`, nvme-print-stdout.c
 * `stdout_d`): `data: 512 bytes`, a column heading, rows of offset, bytes and characters, `*` for rows like the one above,
 * the offset alone after them; a short last row is padded before its characters.
 */
const HEX_HEADING = `     ${Array.from({ length: 16 }, (_, i) => i.toString(16).padStart(3)).join('')}`;
const zeros = (n: number): string => Array(n).fill('00').join(' ');
const data = (bytes: number, first: string, chars: string): string => [
  `data: ${bytes} bytes`, HEX_HEADING, `0000: ${first} "${chars}"`, `0010: ${zeros(16)} "................"`, '*', `${bytes.toString(16).padStart(4, '0')}:`, '',
].join('\n');

describe('nvme-cli 3.0 -vv: the data bytes under the command dump', () => {
  it('fw-log: no unread line, the log read', () => {
    const text = `${dump('02', 'ffffffff', '00000200', '007f0003')}${data(512, '01 00 00 00 00 00 00 00 32 42 32 51 45 58 4d 37', '........2B2QEXM7')}${FW_LOG}`;
    expect(parseFwLogText(text)).toEqual({ activeSlot: 1, nextResetSlot: null, slots: { 1: '2B2QEXM7' }, issues: [] });
  });
  it('smart-log and id-ns: no unread line', () => {
    const smart = `${dump('02', 'ffffffff', '00000200', '007f0002')}${data(512, '00 35 01 64 0a 00 00 00 00 00 00 00 00 00 00 00', '.5.d............')}${SMART}`;
    expect(parseSmartLogText(smart).issues).toEqual([]);
    const ns = `${dump('06', '00000001', '00001000', '00000000')}${data(4096, 'b0 6d 70 74 00 00 00 00 b0 6d 70 74 00 00 00 00', '.mpt.....mpt....')}${ID_NS}`;
    expect(parseIdNsText(ns).issues).toEqual([]);
  });
  it('id-ctrl: no unread line, no field from the bytes; metadata and a short last row too', () => {
    const meta = ['metadata: 8 bytes', HEX_HEADING, `0000: ${zeros(8)}${' '.repeat(25)} "........"`, ''].join('\n');
    const text = `${dump('06', '00000000', '00001000', '00000001')}${data(4096, '4d 14 4d 14 53 34 45 57 4e 58 30 52 31 32 33 34', 'M.M.S4EWNX0R1234')}${meta}${ID_CTRL}`;
    const r = parseIdCtrlText(text);
    expect(r.issues).toEqual([]);
    expect(Object.keys(r.fields)).toEqual(['vid', 'ssvid', 'sn', 'mn', 'fr', 'frmw']);
  });
  it('hex rows outside a dump are still unread lines', () => {
    expect(parseFwLogText(`${FW_LOG}0000: ${zeros(16)} "................"\n`).issues).toHaveLength(1);
  });
});
