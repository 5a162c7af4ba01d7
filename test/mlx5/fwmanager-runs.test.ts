/**
 * Firmware manager outputs (mlxfwmanager, mlxup, mstfwmanager --query) beside what else the bundle shows of the same
 * card, from real public outputs (test/mlx5/fixtures/real, each with its provenance):
 * - a file holding several runs of the tool keeps every run; the last run's values are the card's facts and what an
 *   earlier run showed otherwise is kept and named (a paste before and after an update);
 * - devlink's fw.psid and serial number (and mlx5's ethtool -i PSID) join an entry the tool names by its mst device to
 *   its PCI function (outputs in fixtures/card-joins, whose README says where they were published);
 * - flint and the firmware manager spell one ROM version differently (3.6.102, 3.6.0102): both rows are kept, no
 *   conflict is raised for the spelling, one is for a real difference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sameVersion } from '../../analyzer/classes/mlx5/fwmanager-loader.js';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/', import.meta.url).pathname;
const JOINS = new URL('./fixtures/card-joins/', import.meta.url).pathname;
const real = (path: string): string => readFileSync(join(REAL, path), 'utf8');

// One card on one host (kube01), queried before and after it was cross-flashed from Dell to stock firmware; the
// document publishes the two queries as two blocks, here one after the other as a person pastes both runs.
const BEFORE = real('fwmanager/cx4lx-dell-flattened-indent-kube01.txt');
const AFTER = real('fwmanager/cx4lx-kube01-after-crossflash.txt');
const GREP = 'fwmanager-runs/cx4lx-kube01-grep-before-after';

async function replay(files: Record<string, string>) {
  const result = await replayTree(files);
  const rows = (sql: string, ...args: unknown[]): Record<string, unknown>[] => result.db.prepare(sql).all(...args) as Record<string, unknown>[];
  const issues = (code: string): string[] => rows(`SELECT message FROM collection_issues WHERE code = ? ORDER BY rowid`, code).map((r) => String(r.message));
  return { rows, issues, ...result };
}

describe('several runs of a firmware manager in one file', () => {
  it('each run is told apart: banner, command line, a Device heading numbered again', () => {
    const q = parseFwManagerQuery(BEFORE + AFTER);
    expect(q.devices.map((d) => [d.run, d.index, d.psid, d.components.find((c) => c.name === 'FW')?.current])).toEqual([
      [1, 1, 'DEL2420110034', '14.14.2320'],
      [2, 1, 'MT_2420110034', '14.32.1900'],
    ]);
    expect(q.issues).toEqual([]);
    // Without the banner and the prompt, `Device #1:` again still starts a run; Device #2 after #1 does not.
    const two = real('fwmanager/cx7-mlxup-two-devices-update-required.txt');
    const bare = two.split('Restart needed')[0]!.split('\n').filter((l) => !/^\$ mlxup$|^Querying/.test(l)).join('\n');
    expect(parseFwManagerQuery(bare + bare).devices.map((d) => [d.run, d.index])).toEqual([[1, 1], [1, 2], [2, 1], [2, 2]]);
  });

  it('a grep of the query run twice (real paste): one entry per run, as a person reads it', () => {
    const prov = parseYaml(real(`${GREP}.provenance.yaml`)) as { truth: { runs: { run: number; part_number: string; psid: string }[] } };
    const q = parseFwManagerQuery(real(`${GREP}.txt`));
    expect(q.devices.map((d) => ({ run: d.run, part_number: d.partNumber, psid: d.psid }))).toEqual(prov.truth.runs);
  });

  it('each run keeps the device its own command line names', async () => {
    // Two cards queried one after the other by device, each printing its mst device name (kube01's and kube02's cards
    // as published, their PCI Device Name given as the mst service names them).
    const body = (t: string): string => t.split('\n').filter((l) => !/# mlxfwmanager$/.test(l)).join('\n').replace('0000:01:00.0', '/dev/mst/mt4117_pciconf0').replace('0000:81:00.0', '/dev/mst/mt4115_pciconf0');
    const text = `# mlxfwmanager -d 01:00.0 --query\n${body(AFTER)}# mlxfwmanager -d 81:00.0 --query\n${body(real('fwmanager/cx4-kube02-flattened-indent.txt'))}`;
    expect(parseFwManagerQuery(text).devices.map((d) => [d.run, d.commandDevice, d.psid])).toEqual([[1, '01:00.0', 'MT_2420110034'], [2, '81:00.0', 'MT_2150110033']]);
    const { rows } = await replay({ 'cmd/mlxfwmanager/--query.out': text });
    expect(rows(`SELECT device_key, version FROM firmware WHERE component = 'psid' ORDER BY 1`)).toEqual([
      { device_key: '0000:01:00.0', version: 'MT_2420110034' },
      { device_key: '0000:81:00.0', version: 'MT_2150110033' },
    ]);
  }, 60_000);

  it('what only an earlier run shows is kept, and is no change', async () => {
    // kube01's query filtered twice for other fields: the PSID, then the part number (lines of the published query).
    const text = `# mlxfwmanager -d 01:00.0 | grep PSID\n  PSID:             MT_2420110034\n# mlxfwmanager -d 01:00.0 | grep Part\n  Part Number:      MCX4121A-ACA_Ax\n`;
    const { rows, issues } = await replay({ 'cmd/mlxfwmanager/mlxfwmanager.out': text });
    expect(rows(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.earlier_run'`)).toEqual([{ device_key: '0000:01:00.0', key: 'psid', value: 'MT_2420110034' }]);
    expect(issues('EARLIER-RUN')).toEqual([]);
  }, 60_000);

  it('the XML form run twice is two runs', () => {
    const xml = real('fwmanager/cx6lx-mlxup-query-format-xml.xml');
    expect(parseFwManagerQuery(`${xml}\n${xml}`).devices.map((d) => [d.run, d.index, d.pciDeviceName])).toEqual([[1, 1, '0002:01:00.0'], [2, 1, '0002:01:00.0']]);
  });

  it('before and after an update: the last run is the card, the earlier run is kept and named as an update', async () => {
    const { rows, issues, report } = await replay({ 'cmd/mlxfwmanager/mlxfwmanager.out': BEFORE + AFTER });
    expect(rows(`SELECT component, version, state FROM firmware WHERE device_key = '0000:01:00.0' ORDER BY component, state`)).toEqual([
      { component: 'firmware', version: '14.32.1900', state: 'running' },
      { component: 'firmware', version: '14.32.1900', state: 'stored' },
      { component: 'psid', version: 'MT_2420110034', state: 'fixed' },
      { component: 'rom.pxe', version: '3.6.0502', state: 'stored' },
      { component: 'rom.uefi', version: '14.25.0017', state: 'stored' },
    ]);
    expect(rows(`SELECT value FROM settings WHERE device_key = '0000:01:00.0' AND namespace = 'mlx.device' AND key = 'part_number'`)).toEqual([{ value: 'MCX4121A-ACA_Ax' }]);
    expect(rows(`SELECT key, value FROM settings WHERE namespace = 'mlx.earlier_run' ORDER BY key`)).toEqual([
      { key: 'firmware', value: '14.14.2320' },
      { key: 'part_number', value: '020NJD_0MRT0D_Ax' },
      { key: 'psid', value: 'DEL2420110034' },
      { key: 'rom.pxe', value: '3.4.0729' },
      { key: 'rom.uefi', value: '14.9.0050' },
    ]);
    const [note, ...more] = issues('EARLIER-RUN');
    expect(more).toEqual([]);
    expect(note).toContain('firmware 14.14.2320 → 14.32.1900');
    expect(note).toContain('psid DEL2420110034 → MT_2420110034');
    // Two moments of one card are no image waiting to be activated.
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
  }, 60_000);

  it('the same query run twice stores what one run does, with nothing said of an update', async () => {
    const once = await replay({ 'cmd/mlxup/--query.out': real('fwmanager/cx6lx-mlxup-query-rhel.txt') });
    const twice = await replay({ 'cmd/mlxup/--query.out': real('fwmanager/cx6lx-mlxup-query-rhel.txt').repeat(2) });
    const sql = `SELECT device_key, component, version, state FROM firmware ORDER BY 1, 2, 4`;
    expect(twice.rows(sql)).toEqual(once.rows(sql));
    expect(twice.rows(`SELECT count(*) AS n FROM settings WHERE namespace = 'mlx.earlier_run'`)).toEqual([{ n: 0 }]);
    expect(twice.issues('EARLIER-RUN')).toEqual([]);
  }, 60_000);

  it('a grep run before and after a cross-flash names no device, yet is the card an mstflint query shows (real pastes)', async () => {
    const { rows, issues } = await replay({
      'cmd/mlxfwmanager/mlxfwmanager.out': real(`${GREP}.txt`),
      'cmd/mstflint/-d_01:00.0_query.out': real('mstflint/cx4lx-kube01-after-crossflash-variable.txt'),
    });
    expect(issues('NO-DEVICE')).toEqual([]);
    expect(rows(`SELECT DISTINCT device_key FROM devices WHERE class = 'pci'`)).toEqual([{ device_key: '0000:01:00.0' }]);
    expect(rows(`SELECT key, value FROM settings WHERE namespace = 'mlx.earlier_run' ORDER BY key`)).toEqual([
      { key: 'part_number', value: '020NJD_0MRT0D_Ax' },
      { key: 'psid', value: 'DEL2420110034' },
    ]);
    expect(issues('EARLIER-RUN')).toEqual([expect.stringContaining('psid DEL2420110034 → MT_2420110034')]);
    expect(issues('TOOLS-DIFFER')).toEqual([]);
  }, 60_000);
});

describe('devlink and ethtool join a firmware manager entry to its card', () => {
  const DEVLINK_CX7 = readFileSync(join(JOINS, 'mlx5-cx7-two-pf-function-uid.txt'), 'utf8');
  // Three Dell cards of one model on one host: one PSID, three cards.
  const DEVLINK_THREE = readFileSync(join(JOINS, 'mlx5-bluefield2-i40e-host.txt'), 'utf8');
  const MLXFW = real('fwmanager/cx7-device13-cut-paste.txt');

  it('by a PSID only one card has: its two functions (one serial number) are one card, the entry lands on function 0', async () => {
    // The ConnectX-7 of the devlink output is given the PSID of the firmware manager's ConnectX-7 (MT_0000000894 → MT_0000000834), as one host shows both.
    const { rows } = await replay({ 'cmd/devlink/dev_info.out': DEVLINK_CX7.replace(/MT_0000000894/g, 'MT_0000000834'), 'cmd/mlxfwmanager/--query.out': MLXFW });
    expect(rows(`SELECT device_key, value FROM settings WHERE key = 'pci_device_name'`)).toEqual([{ device_key: '0000:08:00.0', value: '/dev/mst/mt4129_pciconf0' }]);
    expect(rows(`SELECT version FROM firmware WHERE device_key = '0000:08:00.0' AND component = 'firmware' AND state = 'stored'`)).toEqual([{ version: '28.44.1036' }]);
    expect(rows(`SELECT count(*) AS n FROM devices WHERE device_key LIKE 'mst:%'`)).toEqual([{ n: 0 }]);
  }, 60_000);

  it('no join when the devlink PSID is another card\'s', async () => {
    const { rows } = await replay({ 'cmd/devlink/dev_info.out': DEVLINK_CX7, 'cmd/mlxfwmanager/--query.out': MLXFW });
    expect(rows(`SELECT device_key FROM settings WHERE key = 'pci_device_name'`)).toEqual([{ device_key: 'mst:mt4129_pciconf0' }]);
  }, 60_000);

  const ETHTOOL = readFileSync(join(JOINS, 'cx4lx-kube01-ethtool-i.txt'), 'utf8');
  it('a grep run before and after a cross-flash lands on the card whose ethtool -i prints the last PSID (real pastes of one host)', async () => {
    const { rows, issues } = await replay({ 'cmd/mlxfwmanager/mlxfwmanager.out': real(`${GREP}.txt`), 'cmd/ethtool/-i_enp1s0f0np0.out': ETHTOOL });
    expect(issues('NO-DEVICE')).toEqual([]);
    expect(rows(`SELECT device_key, version FROM firmware WHERE component = 'psid'`)).toEqual([{ device_key: '0000:01:00.0', version: 'MT_2420110034' }]);
    expect(rows(`SELECT key, value FROM settings WHERE device_key = '0000:01:00.0' AND namespace = 'mlx.earlier_run' ORDER BY key`)).toEqual([
      { key: 'part_number', value: '020NJD_0MRT0D_Ax' },
      { key: 'psid', value: 'DEL2420110034' },
    ]);
  }, 60_000);

  it('an earlier run is the card its printed device name says, though its PSID was another then', async () => {
    // The before/after queries of kube01 as a host with the mst service started names the card (/dev/mst/mt4117_pciconf0).
    const mst = (t: string): string => t.replace('0000:01:00.0', '/dev/mst/mt4117_pciconf0');
    const { rows } = await replay({ 'cmd/mlxfwmanager/mlxfwmanager.out': mst(BEFORE) + mst(AFTER), 'cmd/ethtool/-i_enp1s0f0np0.out': ETHTOOL });
    expect(rows(`SELECT DISTINCT device_key FROM settings WHERE namespace LIKE 'mlx.%' ORDER BY 1`)).toEqual([{ device_key: '0000:01:00.0' }]);
    expect(rows(`SELECT value FROM settings WHERE namespace = 'mlx.earlier_run' AND key = 'firmware'`)).toEqual([{ value: '14.14.2320' }]);
  }, 60_000);

  it('no join when several cards share the PSID', async () => {
    const { rows } = await replay({ 'cmd/devlink/dev_info.out': DEVLINK_THREE, 'cmd/mlxfwmanager/--query.out': MLXFW.replace('MT_0000000834', 'DEL0000000033') });
    expect(rows(`SELECT device_key FROM settings WHERE key = 'pci_device_name'`)).toEqual([{ device_key: 'mst:mt4129_pciconf0' }]);
    expect(rows(`SELECT count(*) AS n FROM firmware WHERE device_key IN ('0000:4e:00.0', '0000:85:00.0', '0000:bc:00.0')`)).toEqual([{ n: 0 }]);
  }, 60_000);
});

describe('flint and the firmware manager spell one version differently', () => {
  it('only leading zeros of a number may differ', () => {
    expect(sameVersion('3.6.102', '3.6.0102')).toBe(true);
    expect(sameVersion('14.9.50', '14.9.0050')).toBe(true);
    expect(sameVersion('8025', '8025')).toBe(true);
    expect(sameVersion('3.6.102', '3.6.1020')).toBe(false);
    expect(sameVersion('14.26.17', '14.26.0170')).toBe(false);
    expect(sameVersion('3.7.500', '3.7.0400')).toBe(false);
  });

  it('the same card in both (real outputs, joined by address): both tools\' rows, no conflict', async () => {
    const { rows, issues, report } = await replay({
      'cmd/mstflint/-d_0002:01:00.0_q.out': real('mstflint/cx6lx-fs4-secure-fw-domain2.txt'),
      'cmd/mlxup/--query.out': real('fwmanager/cx6lx-mlxup-query-rhel.txt'),
    });
    expect(rows(`SELECT component, state, version, artifact FROM firmware WHERE device_key = '0002:01:00.0' AND component LIKE 'rom.%' ORDER BY component, artifact`)).toEqual([
      { component: 'rom.pxe', state: 'stored', version: '3.6.0502', artifact: 'cmd/mlxup/--query.out' },
      { component: 'rom.pxe', state: 'stored', version: '3.6.502', artifact: 'cmd/mstflint/-d_0002:01:00.0_q.out' },
      { component: 'rom.uefi', state: 'stored', version: '14.26.0017', artifact: 'cmd/mlxup/--query.out' },
      { component: 'rom.uefi', state: 'stored', version: '14.26.17', artifact: 'cmd/mstflint/-d_0002:01:00.0_q.out' },
    ]);
    expect(rows(`SELECT count(*) AS n FROM firmware WHERE device_key = '0002:01:00.0' AND component IN ('firmware', 'psid')`)).toEqual([{ n: 6 }]);
    expect(issues('TOOLS-DIFFER')).toEqual([]);
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
  }, 60_000);

  it('the same card joined by its base MAC (ConnectX-7, real outputs): the ROM spellings are no conflict, the image the mlxup run burned is', async () => {
    const { rows, issues } = await replay({
      'cmd/flint/-d_0000:81:00.0_q.out': real('mstflint/cx7-fs4-mt4129-tools-container.txt'),
      'cmd/mlxup/--query.out': real('fwmanager/cx7-mlxup-two-devices-update-required.txt'),
    });
    // mlxup's image held no UEFI (Available N/A) and its run ends `Done`: the flash it wrote holds none, so only the flint
    // query's row (run before it) stays, and mlxup's Current spelling of it (14.35.0015) is no conflict.
    expect(rows(`SELECT version FROM firmware WHERE device_key = '0000:81:00.0' AND component = 'rom.uefi' ORDER BY version`)).toEqual([{ version: '14.35.15' }]);
    expect(issues('TOOLS-DIFFER').filter((m) => m.includes('rom.'))).toEqual([]);
    // mlxup's run ends `Done`: its flash holds 28.43.1014, which the flint query (run before it) does not show.
    expect(issues('TOOLS-DIFFER')).toEqual([expect.stringMatching(/stored firmware 28\.42\.1000, cmd\/mlxup\/--query\.out \(device #2\) shows 28\.43\.1014$/)]);
  }, 60_000);

  it('a real difference is named; the firmware and PSID stay flint\'s, both ROM rows are kept', async () => {
    // Two real outputs naming the same mst device with other contents (two hosts' cards under one name).
    const { rows, issues, report } = await replay({
      'cmd/flint/-d_%2Fdev%2Fmst%2Fmt4115_pciconf0_query.out': real('mstflint/cx4-fs3-pve-query.txt'),
      'cmd/mlxfwmanager/--query.out': real('fwmanager/cx4-two-devices-dev-mst-no-uefi.txt'),
    });
    const key = 'mst:mt4115_pciconf0';
    expect(rows(`SELECT component, state, version FROM firmware WHERE device_key = ? AND component IN ('firmware', 'psid') ORDER BY 1, 2`, key)).toEqual([
      { component: 'firmware', state: 'running', version: '12.28.2006' },
      { component: 'firmware', state: 'stored', version: '12.28.2006' },
      { component: 'psid', state: 'fixed', version: 'LNV2180110032' },
    ]);
    expect(rows(`SELECT version FROM firmware WHERE device_key = ? AND component = 'rom.pxe' ORDER BY version`, key)).toEqual([{ version: '3.4.0903' }, { version: '3.6.102' }]);
    const differ = issues('TOOLS-DIFFER');
    expect(differ).toHaveLength(4);
    expect(differ).toContainEqual(expect.stringMatching(/stored rom\.pxe 3\.6\.102, cmd\/mlxfwmanager\/--query\.out \(device #2\) shows 3\.4\.0903/));
    expect(differ).toContainEqual(expect.stringMatching(/fixed psid LNV2180110032, .* shows MT_2180110032/));
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
  }, 60_000);
});
