import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';
import { parseFwLogText, parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';

const real = (p: string): string => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const micron = real('nvme/fixtures/real/id-ctrl/micron-9200-tkperf-prompt.txt');

describe('nvme-cli text as people paste it (real outputs)', () => {
  it('reads an output quoted from a test runner log, [stdout] prefixes and runner lines left out', () => {
    const t = parseIdCtrlText(real('nvme/fixtures/real/id-ctrl/mtr-4gb-avocado-log-H.txt'));
    expect(t).toMatchObject({ model: 'MTR_4GB', serial: '0400001B1A70', firmware: '3.0.20.1', vid: 0x11f8, issues: [] });
    expect(parseFwLogText(real('nvme/fixtures/real/fw-log/mn14mn14-avocado-joblog.txt'))).toEqual({
      activeSlot: 3, nextResetSlot: 3, slots: { 1: 'MN14MN14', 2: 'MN14MN14', 3: 'MN14MN14' }, issues: [],
    });
  });

  it('records each line it does not know with its line number and keeps the rest (issue 332: other commands pasted after fw-log)', () => {
    const log = parseFwLogText(real('nvme/fixtures/real/fw-log/gpna4b3q-issue332-prompt.txt'));
    expect(log.slots).toEqual({ 1: 'GPNA4B3Q' });
    expect(log.issues.map((i) => [i.line, i.text])).toEqual([
      [8, 'Firmware download success'], [10, 'NVME Admin command error:FIRMWARE_SLOT(106)'],
      [13, '[4:4] : 0x1   Firmware Activate Without Reset Supported'], [14, '[3:1] : 0x3   Number of Firmware Slots'], [15, '[0:0] : 0x1   Firmware Slot 1 Read-Only'],
    ]);
    const cut = parseIdCtrlText(real('nvme/fixtures/real/id-ctrl/openflex-data24-wdc-plugin.txt'));
    expect(cut.issues).toEqual([{ line: 61, text: 'doma', message: 'not an id-ctrl field' }]);
    expect(cut.idCtrl).toMatchObject({ firmwareSlots: 1, slot1ReadOnly: true, powerStateCount: 1 });
  });

  it.each([
    ['CRLF line ends', (s: string) => s.replace(/\n/g, '\r\n')],
    ['ANSI colour codes', (s: string) => s.replace(/^(\w+)(\s*:)/gm, '\x1b[1;32m$1\x1b[0m$2')],
    ['the whole output indented', (s: string) => s.replace(/^/gm, '    ')],
    ['an elision line', (s: string) => s.replace('rab     : 0\n', 'rab     : 0\n...\n')],
    ['inside a JSON log line', (s: string) => `${JSON.stringify({ ts: '2024-01-01T00:00:00Z', level: 'info', msg: s })}\n`],
  ])('gives the same facts with %s', (_, form) => {
    const plain = parseIdCtrlText(micron);
    const pasted = parseIdCtrlText(form(micron));
    expect(pasted.idCtrl).toEqual(plain.idCtrl);
    expect(pasted.issues).toEqual([]);
  });
});

describe('smartctl text as people paste it (real outputs)', () => {
  it('reads CRLF outputs from Windows builds like any other', () => {
    const crlf = real('ata/fixtures/real/smartctl/apacer-as340-windows.txt');
    expect(crlf).toContain('\r\n');
    expect(parseSmartctlText(crlf)).toMatchObject({ protocol: 'ATA', model: 'Apacer AS340 240GB', firmware: 'V4.25.0', health: 'PASSED', issues: [] });
  });

  it('records lines before the output and unknown information lines, and reads the rest', () => {
    const plugin = parseSmartctlText(real('nvme/fixtures/real/smartctl/samsung-960-evo-check-plugin.txt'));
    expect(plugin).toMatchObject({ protocol: 'NVMe', model: 'Samsung SSD 960 EVO 250GB', firmware: '2B7QCXE7', frmw: 0x16, capacityBytes: 250059350016 });
    expect(plugin.issues.map((i) => i.line)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 30]);
    const old = parseSmartctlText(real('ata/fixtures/real/smartctl/wd-caviar-se-cygwin.txt'));
    expect(old.issues).toEqual([{ line: 22, text: 'Unknown SCT Status format version 1, should be 2 or 3.', message: 'not a "key: value" line of the information section' }]);
    expect(old).toMatchObject({ model: 'WDC WD1600JD-75HBB0', serial: 'WD-WMAL91073786', smartAvailable: true, smartEnabled: true, capacityBytes: 160000000000 });
  });

  it('reads capacities with any thousands separator and the NVMe power state table', () => {
    const pve = parseSmartctlText(real('nvme/fixtures/real/smartctl/samsung-970-evo-plus-pve.txt'));
    expect(pve.capacityBytes).toBe(500107862016);
    expect(pve.powerStates.map((p) => [p.state, p.maxPowerW, p.nonOperational])).toEqual([[0, 7.8, false], [1, 6, false], [2, 3.4, false], [3, 0.07, true], [4, 0.01, true]]);
    expect(parseSmartctlText(real('nvme/fixtures/real/smartctl/samsung-pm963-prompt-spaces.txt')).capacityBytes).toBe(960197124096);
  });

  it('refuses text that is not smartctl output', () => {
    expect(() => parseSmartctlText('Smartctl open device: /dev/sda failed: No such device\n')).toThrow(/smartctl-text: no information section/);
  });
});

describe('nvme id-ctrl JSON of both nvme-cli generations', () => {
  it('reads power states from the 1.x flags byte and from the 2.x max_power_scale / non-operational_state members alike', async () => {
    const { parseIdCtrlJson } = await import('../../analyzer/classes/nvme/nvme-json.js');
    const v1 = parseIdCtrlJson(real('nvme/fixtures/real/id-ctrl/wdc-sn730-ironic-json.json'));
    expect(v1.powerStates?.map((p) => [p.maxPowerW, p.nonOperational])).toEqual([[5, false], [3.5, false], [3, false], [0.07, true], [0.0035, true]]);
    const v2 = parseIdCtrlJson(JSON.stringify({ vid: 606, mn: 'X', npss: 1, psds: [
      { max_power: 2500, max_power_scale: 0, 'non-operational_state': 0, entry_lat: 0, exit_lat: 0, idle_power: 506, idle_scale: 2, active_power: 2500, active_scale: 2 },
      { max_power: 35, max_power_scale: 1, 'non-operational_state': 1, entry_lat: 5, exit_lat: 9 },
    ] }));
    expect(v2.powerStates?.map((p) => [p.maxPowerW, p.nonOperational, p.idlePowerW, p.activePowerW])).toEqual([[25, false, 5.06, 25], [0.0035, true, null, null]]);
  });
});

describe('nvme id-ctrl JSON with other lines around it', () => {
  it('finds the document after the passthrough dump nvme-cli 2.8 prints with -o json -v (nvme-cli issue 2367)', async () => {
    const { parseIdCtrlJson } = await import('../../analyzer/classes/nvme/nvme-json.js');
    const { looksLikeJson } = await import('../../analyzer/parsers/json-output.js');
    // The dump lines as the issue shows them, before a whole JSON output from another public source.
    const dump = 'opcode       : 06\nflags        : 00\nrsvd1        : 0000\nnsid         : 00000000\ndata_len     : 00001000\nresult       : 00000000\nerr          : 0\nlatency      : 58 us\n';
    const json = real('nvme/fixtures/real/id-ctrl/wdc-sn730-ironic-json.json');
    expect(looksLikeJson(dump + json)).toBe(true);
    expect(parseIdCtrlJson(dump + json)).toEqual(parseIdCtrlJson(json));
    expect(parseIdCtrlJson(json.replace('"tnvmcap" : 256060514304', '"tnvmcap" : "256,060,514,304"')).totalCapacityBytes).toBe(256060514304);
  });
});
