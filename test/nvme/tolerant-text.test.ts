import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandArtifactName } from '../../bundle/format.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { writeBundle, type FakeArtifact } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';
import { parseFwLogText, parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';

const real = (p: string): string => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const micron = real('nvme/fixtures/real/id-ctrl/micron-9200-tkperf-prompt.txt');

describe('nvme-cli text as people paste it (real outputs)', () => {
  it('stores no serial where the person who pasted cut it out (sn : [...]), and takes ... snip ... for an elision', () => {
    const z = parseIdCtrlText(real('nvme/fixtures/real/id-ctrl/zhitai-tipro7000-lkml-serial-elided.txt'));
    expect(z).toMatchObject({ serial: undefined, model: 'ZHITAI TiPro7000 1TB', firmware: 'ZTA32F3Y' });
    expect(z.powerStates).toHaveLength(5);
    const f = parseIdCtrlText(real('nvme/fixtures/real/id-ctrl/xilinx-fpga-ramdisk-snip.txt'));
    expect(f).toMatchObject({ model: 'FPGA-emulated RAMDISK', firmware: '0000', issues: [] });
  });

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
    // The other nvme-cli commands typed after it: each one's output noted once, not line by line.
    expect(log.issues.map((i) => [i.line, i.message])).toEqual([
      [8, '1 line(s) of the output of "nvme fw-download /dev/nvme1 --fw=<image>" not read'],
      [10, '1 line(s) of the output of "nvme fw-activate /dev/nvme1 -a 0 -s 1" not read'],
      [13, '3 line(s) of the output of "nvme id-ctrl /dev/nvme1 -H | grep Firmware" not read'],
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

// smartctl is the ata class's tool; its parser on SATA outputs is tested in test/ata/smartctl-tolerant-text.test.ts.
// NVMe drives' outputs are read here as an analysis reads them: stored under cmd/smartctl/ and loaded.
describe('smartctl text of NVMe drives as people paste it (real outputs)', () => {
  const smartctl = (argv: string[], data: string): FakeArtifact => ({ name: commandArtifactName(argv, 'stdout'), data, origin: { kind: 'cmd', argv, stream: 'stdout' } });
  const rows = (db: Db, sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
  async function load(sample: string): Promise<Db> {
    const path = join(tempDir(), 'b.tar.gz');
    await writeBundle(path, [smartctl(['smartctl', '-a', '/dev/nvme0'], real(sample))]);
    const db = openDatabase(':memory:');
    await loadBundle(db, path);
    return db;
  }
  const settings = (db: Db, namespace: string): Record<string, string> =>
    Object.fromEntries(rows(db, `SELECT key, value FROM settings WHERE device_key = 'nvme:nvme0' AND namespace = '${namespace}'`).map((r) => [r.key, r.value]));

  it('records lines before the output and unknown information lines with their line numbers, and reads the rest', async () => {
    const db = await load('nvme/fixtures/real/smartctl/samsung-960-evo-check-plugin.txt');
    expect(settings(db, 'smartctl')).toMatchObject({ protocol: 'NVMe', model: 'Samsung SSD 960 EVO 250GB', firmware_version: '2B7QCXE7', frmw: String(0x16), capacity_bytes: '250059350016' });
    const lines = rows(db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).map((r) => Number(/^smartctl-text: line (\d+) /.exec(String(r.message))?.[1])).sort((a, b) => a - b);
    expect(lines).toEqual([1, 3, 6, 8, 9, 30]);
    // The plugin's frame around smartctl's output (`=====`, `Begin of smartctl output:`) is text around it, not unread lines.
    expect(rows(db, `SELECT message FROM collection_issues WHERE code = 'PASTE-AROUND'`)).toEqual([{ message: 'text around the output, 5 lines, not read (lines 2, 5, 7, 10–11)' }]);
  });

  it('reads capacities with any thousands separator and the NVMe power state table', async () => {
    const pve = await load('nvme/fixtures/real/smartctl/samsung-970-evo-plus-pve.txt');
    expect(settings(pve, 'smartctl').capacity_bytes).toBe('500107862016');
    const states = Object.entries(settings(pve, 'smartctl.power-state')).sort().map(([k, v]) => [k, /^([\d.]+)W/.exec(v)![1], v.includes('non-operational')]);
    expect(states).toEqual([['ps0', '7.8', false], ['ps1', '6', false], ['ps2', '3.4', false], ['ps3', '0.07', true], ['ps4', '0.01', true]]);
    expect(settings(await load('nvme/fixtures/real/smartctl/samsung-pm963-prompt-spaces.txt'), 'smartctl').capacity_bytes).toBe('960197124096');
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

describe('nvme id-ctrl -V (--vendor-specific), its vs[] bytes dumped in hex', () => {
  it('reads the dump\'s column heading and rows as the tool\'s, not as unread lines (TKperf issue 25, Micron 9200)', () => {
    const t = parseIdCtrlText(real('nvme/fixtures/real/id-ctrl/micron-9200-tkperf25-cat-vendor-specific-vs-dump-cut.txt'));
    expect(t).toMatchObject({ model: 'Micron_9200_MTFDHAL1T6TCU', serial: '18161E7964B7', firmware: '101008P0', frmw: 7 });
    // Only the row the thread's stored copy cut after its offset is left unread.
    expect(t.issues.map((i) => i.text)).toEqual(['0010:']);
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

  it('reads the issue\'s own output, cut by the thread\'s stored copy inside a member: no closing brace below the dump', async () => {
    const { parseIdCtrlJson } = await import('../../analyzer/classes/nvme/nvme-json.js');
    const { looksLikeJson } = await import('../../analyzer/parsers/json-output.js');
    const text = real('nvme/fixtures/real/id-ctrl/amazon-ebs-nvmecli28-issue2367-json-v-dump-above-cut.txt');
    expect(looksLikeJson(text)).toBe(true);
    expect(parseIdCtrlJson(text)).toMatchObject({ model: 'Amazon Elastic Block Store', firmware: '1.0', vid: 0x1d0f, frmw: 3, cut: { line: 56 } });
    // A lone brace in a text output with no member under it is still no JSON document.
    expect(looksLikeJson('opcode       : 06\n{\nlatency      : 58 us\n')).toBe(false);
  });
});

describe('an id-ctrl published indented as a whole, with a person\'s line at the margin in its middle', () => {
  // The SM951 readme indents its -H output by four spaces; a line the tool never prints at the margin between two of its
  // lines (an inline reply, `Firmware: updated last week`) left the text layer no indentation to remove, and every field
  // line was read as indented: no vid or mn, the output refused. The reader takes its fields' own indentation off.
  const text = real('nvme/fixtures/real/id-ctrl/samsung-sm951-firmware-readme-H.txt');
  const ls = text.split('\n');
  const at = Math.floor(ls.length / 2);
  it.each(['Firmware: updated last week', 'firmware: updated last week'])('%s', (line) => {
    const read = parseIdCtrlText([...ls.slice(0, at), line, ...ls.slice(at)].join('\n'));
    expect(read.idCtrl).toEqual(parseIdCtrlText(text).idCtrl);
    // A capitalised key is no id-ctrl field: an unread line, with its number (a lower-case one reads as a field of its own).
    if (/^[A-Z]/.test(line)) expect(read.issues.map((x) => [x.line, x.text])).toEqual([[at + 1, line]]);
  });
});
