import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIdNsJson, parseIdNsText } from '../../analyzer/classes/nvme/nvme-id-ns.js';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';
import { ParseError } from '../../analyzer/parsers/errors.js';
import { replayAllowed } from '../../collector/command-allowlist.js';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/id-ns/${name}`, import.meta.url), 'utf8');

describe('nvme id-ns text (real outputs, test/nvme/fixtures/real/id-ns)', () => {
  it('nvme-cli 2.x text: counts, the in-use format and every format, 2.x fields', () => {
    const ns = parseIdNsText(real('samsung-7t68-issue2173-cli2.txt'));
    expect(ns).toMatchObject({ nsid: 1, nsze: 15002931888, ncap: 15002931888, nuse: 0, nvmcap: 7681501126656, nsfeat: 0x1a, flbas: 0, npwg: 255, nows: 255, mssrl: 0, inUseFormat: 0, issues: [] });
    expect(ns.lbaFormats).toEqual([
      { index: 0, metadataBytes: 0, lbads: 9, dataBytes: 512, relativePerformance: 0, inUse: true },
      { index: 1, metadataBytes: 0, lbads: 12, dataBytes: 4096, relativePerformance: 0, inUse: false },
    ]);
  });

  it('-H, indented: the decoded bit lines are known, the spelled-out LBA format is read', () => {
    const ns = parseIdNsText(real('intel-optane-m10-cm4-cli1.12-H.txt'));
    expect(ns.issues).toEqual([]);
    expect(ns).toMatchObject({ nsze: 57149440, nsattr: 0, eui64: '5cd2e46a1bd10100', inUseFormat: 0 });
    expect(ns.lbaFormats).toEqual([{ index: 0, metadataBytes: 0, lbads: 9, dataBytes: 512, relativePerformance: 2, inUse: true }]);
  });

  it('nvme-cli 2.x -H prints NSZE with its decimal value in subscript digits', () => {
    expect(parseIdNsText(real('udisks1194-cli2-H-cut.txt'))).toMatchObject({ nsze: 2000409264, ncap: 2000409264, nuse: 0x6b6b9548, lbaFormats: [], issues: [] });
  });

  it('counts above 2^53 stay exact as decimal strings; comma-grouped NVMCAP is read', () => {
    const ns = parseIdNsText(real('samsung-7t68-issue2173-cli2.txt').replace('0x37e3e92b0', '0x20000000000001').replace('7681501126656', '7,681,501,126,656'));
    expect(ns.nsze).toBe('9007199254740993');
    expect(ns.nvmcap).toBe(7681501126656);
  });

  // nvme-cli 1.x groups NVMCAP (and id-ctrl's TNVMCAP) with the locale's separator, as it does smart-log's counters (a
  // Polish host's narrow no-break spaces on Ubuntu Forums): each grouping is the whole number, in id-ns and id-ctrl.
  it.each(['7.681.501.126.656', '7\u202f681\u202f501\u202f126\u202f656', '7 681 501 126 656', '7’681’501’126’656'])('NVMCAP and TNVMCAP grouped as %s are read whole', (grouped) => {
    expect(parseIdNsText(real('samsung-7t68-issue2173-cli2.txt').replace('7681501126656', grouped)).nvmcap).toBe(7681501126656);
    const idCtrl = readFileSync(new URL('./fixtures/real/id-ctrl/samsung-pm1733-notes-H.txt', import.meta.url), 'utf8');
    expect(parseIdCtrlText(idCtrl.replace('7,681,501,126,656', grouped)).idCtrl?.totalCapacityBytes).toBe(7681501126656);
  });

  it('a line it does not know is an issue with its line number; the rest is kept', () => {
    const text = real('samsung-960pro-zynqmp-cli1.8.txt').replace('nvmcap  : 1024209543168', 'nvmcap  : 1024209543168\nsomething odd here');
    const ns = parseIdNsText(text);
    expect(ns.issues).toEqual([{ line: 25, text: 'something odd here', message: 'not an id-ns field' }]);
    expect(ns.eui64).toBe('0025385181b14235');
  });

  it('FLBAS selects the format in use, its bits 6:5 only above 16 formats; the printed marker is used when FLBAS is absent', () => {
    const lbafs = Array.from({ length: 18 }, (_, i) => `lbaf ${String(i).padStart(2)} : ms:0   lbads:${i % 2 ? 12 : 9} rp:0`).join('\n');
    expect(parseIdNsText(`nlbaf   : 17\nflbas   : 0x21\n${lbafs}\n`).inUseFormat).toBe(17);
    expect(parseIdNsText(`nlbaf   : 3\nflbas   : 0x21\n${lbafs}\n`).inUseFormat).toBe(1);
    expect(parseIdNsText('nsze : 0x10\nlbaf  0 : ms:0   lbads:9  rp:0\nlbaf  1 : ms:8   lbads:12 rp:0x2 (in use)\n').inUseFormat).toBe(1);
  });

  it('refuses an output that is not id-ns, naming the parser', () => {
    expect(() => parseIdNsText('NVME Identify Controller:\nvid : 0x144d\n')).toThrow(ParseError);
    expect(() => parseIdNsText('NVME Identify Controller:\nvid : 0x144d\n')).toThrow(/nvme-id-ns-text/);
  });
});

describe('nvme id-ns -o json', () => {
  // nvme-cli's JSON printer: 1.x prints nvmcap as a long double, 2.x as a 128-bit decimal string; newer ones add lbaf/in_use.
  it('reads counts as numbers, floats or decimal strings, and the lbafs array', () => {
    const ns = parseIdNsJson('{"nsze":2000409264,"ncap":2000409264,"nuse":8860720,"nsfeat":0,"nlbaf":1,"flbas":1,"dps":1,"dpc":7,"nmic":1,"nvmcap":"1024209543168","nguid":"00000000000000000000000000000000","eui64":"0025385181b14235","lbafs":[{"ms":0,"ds":9,"rp":2},{"ms":8,"ds":9,"rp":3}]}');
    expect(ns).toMatchObject({ nsze: 2000409264, nvmcap: 1024209543168, flbas: 1, dps: 1, dpc: 7, nmic: 1, inUseFormat: 1 });
    expect(ns.lbaFormats[1]).toEqual({ index: 1, metadataBytes: 8, lbads: 9, dataBytes: 512, relativePerformance: 3, inUse: true });
    expect(parseIdNsJson('{"nsze":16,"nvmcap":1024209543168.000000,"lbafs":[]}').nvmcap).toBe(1024209543168);
    expect(parseIdNsJson('{"nsze":16,"lbafs":[{"lbaf":0,"ms":0,"ds":12,"rp":0,"in_use":1}]}').inUseFormat).toBe(0);
  });

  it('refuses JSON of another command', () => {
    expect(() => parseIdNsJson('{"vid":5197,"mn":"x"}')).toThrow(/not nvme id-ns JSON/);
  });
});

describe('id-ns saved names and the replay allow-list', () => {
  it.each([
    ['cmd/nvme/id-ns_nvme0n1.out', ['nvme', 'id-ns', '/dev/nvme0n1']],
    ['cmd/nvme/id-ns_nvme0n1_-H.out', ['nvme', 'id-ns', '/dev/nvme0n1', '-H']],
    ['cmd/nvme/id-ns_nvme1_-n_1_-H.out', ['nvme', 'id-ns', '/dev/nvme1', '-n', '1', '-H']],
    ['cmd/nvme/id-ns_nvme0_--namespace-id=2_-o_json.out', ['nvme', 'id-ns', '/dev/nvme0', '--namespace-id=2', '-o', 'json']],
    ['cmd/nvme/id_ns_nvme2n1.txt', ['nvme', 'id-ns', '/dev/nvme2n1']],
  ])('%s', (name, argv) => {
    expect(savedNvmeCommand(name)?.argv).toEqual(argv);
  });

  it('a namespace id is only for id-ns, and only a number', () => {
    expect(replayAllowed(['nvme', 'id-ns', '/dev/nvme1', '-n', '1'])).toBe(true);
    expect(replayAllowed(['nvme', 'id-ns', '/dev/nvme1', '--namespace-id', '0xffffffff'])).toBe(false);
    expect(replayAllowed(['nvme', 'id-ns', '/dev/nvme1', '-n'])).toBe(false);
    expect(replayAllowed(['nvme', 'id-ctrl', '/dev/nvme1', '-n', '1'])).toBe(false);
  });
});
