/**
 * `nvme … -o json -vv`: nvme-cli's dump of the command it sent is JSON too, made of the dump's keys trimmed
 * (`"opcode":"02"`, `"cdw10":"007f0003"`, `"result":"00000000"`, `"err":"0"`, `"latency":"187 us"`;
 * nvme-print-json.c `json_output_key_value`). nvme-cli 2.14 to 2.16 print it as a second object after the output's
 * (`json_show_finish` at `dev_close`); nvme-cli 3 adds its members to the output's own object (`json_r`). Either way
 * the output is read as without it.
 */
import { describe, expect, it } from 'vitest';
import { parseFwLogJson, parseIdCtrlJson } from '../../analyzer/classes/nvme/nvme-json.js';
import { parseIdNsJson } from '../../analyzer/classes/nvme/nvme-id-ns.js';
import { parseSmartLogJson } from '../../analyzer/classes/nvme/nvme-smart-log-text.js';

const dump = (opcode: string, cdw10: string): string => [
  `  "opcode":"${opcode}"`, '  "flags":"00"', '  "rsvd1":"0000"', '  "nsid":"ffffffff"', '  "cdw2":"00000000"', '  "cdw3":"00000000"',
  '  "data_len":"00000200"', '  "metadata_len":"00000000"', '  "addr":"55d0c1c4f000"', '  "metadata":"0"', `  "cdw10":"${cdw10}"`,
  '  "cdw11":"00000000"', '  "cdw12":"00000000"', '  "cdw13":"00000000"', '  "cdw14":"00000000"', '  "cdw15":"00000000"',
  '  "timeout_ms":"00000000"', '  "result":"00000000"', '  "err":"0"', '  "latency":"187 us"',
].join(',\n');

const FW = '  "nvme0":{\n    "Active Firmware Slot (afi)":1,\n    "Firmware Rev Slot 1":"3982988888466555442 (2B2QEXM7)"\n  }';
const FW_LOG = { activeSlot: 1, nextResetSlot: null, slots: { 1: '2B2QEXM7' } };

describe('nvme -o json -vv: the command dump', () => {
  it('2.14-2.16, fw-log: a second object after the output', () => {
    expect(parseFwLogJson(`{\n${FW}\n}\n{\n${dump('02', '007f0003')}\n}\n`)).toEqual(FW_LOG);
  });
  it('3.0, fw-log: the dump\'s members in the output\'s own object, before the device\'s', () => {
    expect(parseFwLogJson(`{\n${dump('02', '007f0003')},\n${FW}\n}\n`)).toEqual(FW_LOG);
  });
  it('2.14-2.16, smart-log and id-ctrl: a second object after the output', () => {
    expect(parseSmartLogJson(`{\n  "critical_warning":0,\n  "temperature":309,\n  "avail_spare":100\n}\n{\n${dump('02', '007f0002')}\n}\n`))
      .toEqual({ issues: [], criticalWarning: 0, criticalWarnings: [], temperatureC: 36, availableSparePct: 100 });
    expect(parseIdCtrlJson(`{\n  "vid":5197,\n  "mn":"Samsung SSD 970 EVO Plus 1TB            ",\n  "fr":"2B2QEXM7"\n}\n{\n${dump('06', '00000001')}\n}\n`))
      .toEqual({ vid: 5197, model: 'Samsung SSD 970 EVO Plus 1TB', firmware: '2B2QEXM7' });
  });
  it('2.14-2.16 and 3.0, id-ns: the dump after the output, or in it', () => {
    const ns = '  "nsze":1953525168,\n  "ncap":1953525168,\n  "nuse":473475928,\n  "flbas":0';
    for (const text of [`{\n${ns}\n}\n{\n${dump('06', '00000000')}\n}\n`, `{\n${dump('06', '00000000')},\n${ns}\n}\n`]) {
      const r = parseIdNsJson(text);
      expect(r).toMatchObject({ nsze: 1953525168, nuse: 473475928 });
      expect(Object.keys(r.fields).filter((k) => ['opcode', 'cdw10', 'latency'].includes(k))).toEqual([]);
    }
  });
  it('3.0: the data bytes\' members beside the dump (json_d) are not the output\'s', () => {
    const bytes = '  "data":"512 bytes",\n  "data: buf=0x55d0c1c4f000 len=512 width=16 group=1":[\n    "........2B2QEXM7",\n    "................"\n  ]';
    expect(parseFwLogJson(`{\n${dump('02', '007f0003')},\n${bytes},\n${FW}\n}\n`)).toEqual(FW_LOG);
    const ns = '  "nsze":1953525168,\n  "ncap":1953525168,\n  "nuse":473475928,\n  "flbas":0';
    const r = parseIdNsJson(`{\n${dump('06', '00000000')},\n${bytes.replace(/512/g, '4096')},\n${ns}\n}\n`);
    expect(Object.keys(r.fields).filter((k) => k.startsWith('data'))).toEqual([]);
  });
});
