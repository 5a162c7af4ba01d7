import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';
import { observeText } from '../../analyzer/parsers/text-input.js';
import { savedNvmeCommand, savedNvmeList } from '../../collector/classes/nvme/saved.js';

// Rows as nvme-cli prints them (libnvme pull request 108, a KXG60ZNV512G), then as a web page without <pre> shows them.
const LIST = [
  'Node                  SN                   Model                                    Namespace Usage                      Format           FW Rev  ',
  '--------------------- -------------------- ---------------------------------------- --------- -------------------------- ---------------- --------',
  'nvme0n1               49MA23BZK03N         KXG60ZNV512G NVMe TOSHIBA 512GB          1         512.11  GB / 512.11  GB    512   B +  0 B   10604107',
].join('\n');
const LIST_V = [
  'Device   SN                   MN                                       FR       TxPort Address        Subsystem    Namespaces      ',
  '-------- -------------------- ---------------------------------------- -------- ------ -------------- ------------ ----------------',
  'nvme0    49MA23BZK03N         KXG60ZNV512G NVMe TOSHIBA 512GB          10604107 pcie   0000:3d:00.0   nvme-subsys0 nvme0n1',
].join('\n');
const collapse = (text: string): string => text.split('\n').map((l) => l.trim().replace(/ {2,}/g, ' ')).join('\n');
const KXG = { serial: '49MA23BZK03N', model: 'KXG60ZNV512G NVMe TOSHIBA 512GB', firmware: '10604107' };

describe('nvme list pasted from a web page that collapsed every run of spaces and wrapped long rows', () => {
  it('a collapsed heading gives no column places: each row is read by its shape, the serial its first word, nothing left unread', () => {
    for (const text of [collapse(LIST), collapse(LIST_V)]) {
      const l = parseNvmeList(text);
      expect(l.entries.map(({ serial, model, firmware }) => ({ serial, model, firmware })), text).toEqual([KXG]);
      expect(l.issues).toEqual([]);
    }
  });

  it('a row wrapped onto the next line is joined with its end, not left as two unread lines or a serial with the model in it', () => {
    const wrapped = collapse(LIST).replace('512.11 GB / 512.11 GB', '512.11 GB /\n512.11 GB');
    const l = parseNvmeList(wrapped);
    expect(l.entries.map(({ serial, model, firmware }) => ({ serial, model, firmware }))).toEqual([KXG]);
    expect(l.issues).toEqual([]);
    // Without its dashes line too.
    const dashless = wrapped.split('\n').filter((x) => !x.startsWith('---')).join('\n');
    expect(parseNvmeList(dashless).entries.map((e) => e.serial)).toEqual([KXG.serial]);
  });

  it('the rows nvme-cli prints keep being read by the columns\' places', () => {
    expect(parseNvmeList(LIST).entries.map(({ serial, model, firmware }) => ({ serial, model, firmware }))).toEqual([KXG]);
  });
});

describe('nvme list saved under a name without the tool\'s: list-v.txt', () => {
  it('stands for nvme list -v; list-subsys and list-ns are other commands, not read as nvme list', () => {
    expect(savedNvmeList('cmd/nvme/list-v.txt')).toEqual(['nvme', 'list', '-v']);
    expect(savedNvmeList('cmd/nvme/list-o-json.json')).toEqual(['nvme', 'list', '-o', 'json']);
    expect(savedNvmeList('cmd/nvme/list-subsys.txt')).toEqual(['nvme', 'list-subsys']);
    expect(savedNvmeList('cmd/nvme/nvme-list-subsys.txt')).toEqual(['nvme', 'list-subsys']);
    expect(savedNvmeList('cmd/nvme/list-ns.txt')).toBeUndefined();
    expect(savedNvmeCommand('cmd/nvme/id-ctrl-nvme0.txt')?.argv).toEqual(['nvme', 'id-ctrl', '/dev/nvme0']);
  });
});

describe('an author\'s note after an id-ctrl value with one space before it', () => {
  const idCtrl = (mn: string, vid = '0x144d'): string => `NVME Identify Controller:\nvid       : ${vid}\nssvid     : 0x108e\nsn        : S5RTNC0T104269\nmn        : ${mn}\nfr        : EPK9CR5Q\n`;

  it('is left out of the value and said as a note (# and words in any script), not stored as the model\'s last words', () => {
    for (const [mn, note] of [['SAMSUNG MZWLJ7T6HALA-00AU3 # model number', '# model number'], ['SAMSUNG MZWLJ7T6HALA-00AU3 # 型号', '# 型号']] as const) {
      const { value, seen } = observeText(() => parseIdCtrlText(idCtrl(mn)));
      expect(value.model).toBe('SAMSUNG MZWLJ7T6HALA-00AU3');
      expect(value.issues).toEqual([]);
      expect(seen.flatMap((c) => c.noise).filter((n) => n.kind === 'annotation').map((n) => [n.no, n.note])).toEqual([[5, note]]);
    }
    expect(parseIdCtrlText(idCtrl('SAMSUNG MZWLJ7T6HALA-00AU3', '0x144d # Samsung')).vid).toBe(0x144d);
  });

  it('a # that is part of the value stays in it: no space after it, or no words after it', () => {
    expect(parseIdCtrlText(idCtrl('SAMSUNG #1')).model).toBe('SAMSUNG #1');
    expect(parseIdCtrlText(idCtrl('VENDOR SSD # 2')).model).toBe('VENDOR SSD # 2');
  });
});
