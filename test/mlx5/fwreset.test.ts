/**
 * mlxfwreset/mstfwreset query outputs and reset runs: the real public ones under fixtures/real/fwreset replayed with collect --root
 * and compared with the truth their provenance states, the saved names the query is read under, and the query
 * pasted above a flint query in one file (the other tool's output, not lines of the flint query).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseFwResetQuery } from '../../analyzer/classes/mlx5/fwreset-query.js';
import { isFwResetRun, parseFwResetRun, resetResult } from '../../analyzer/classes/mlx5/fwreset-run.js';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { pastedFwResetArgv } from '../../collector/classes/mlx5/pasted.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { replaySaved } from '../helpers/replay-tree.js';

const DIR = new URL('./fixtures/real/fwreset/', import.meta.url).pathname;
interface Provenance {
  saved_as: string;
  source: { kind: string };
  /** `errors`: the tool's `-E-` lines, as MLXFWRESET issues of the device (a run refused before it read anything). */
  truth: { device: string; reset: Record<string, string>; errors?: string[] };
}
const samples = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ id: f, text: readFileSync(join(DIR, f)), prov: parseYaml(readFileSync(join(DIR, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance }));


describe('public mlxfwreset query outputs and reset runs, replayed with collect --root', () => {
  it.each(samples)('$id', async ({ text, prov }) => {
    const { db } = await replaySaved(prov.saved_as, text);
    expect(db.prepare(`SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL`).all()).toEqual([]);
    const rows = db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.reset'`).all() as { device_key: string; key: string; value: unknown }[];
    expect(new Set(rows.map((r) => r.device_key))).toEqual(new Set(Object.keys(prov.truth.reset).length ? [prov.truth.device] : []));
    expect(Object.fromEntries(rows.map((r) => [r.key, String(r.value)]))).toEqual(prov.truth.reset);
    const said = db.prepare(`SELECT message FROM collection_issues WHERE code = 'MLXFWRESET'`).all() as { message: string }[];
    expect(said.map((r) => r.message)).toEqual((prov.truth.errors ?? []).map((e) => `${prov.truth.device}: ${e}`));
    expect(db.prepare(`SELECT code FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
  });
});

describe('mlxfwreset query', () => {
  it('reads each list, a description as wide as its column (no space before the dash), and a reason after the verdict', () => {
    const q = parseFwResetQuery([
      'Reset-levels:',
      '3: Driver restart and PCI reset                                     -Supported     (default)',
      '0: Driver, PCI link, network link will remain up ("live-Patch") and more-Not Supported (Reason: firmware)',
      'Reset-sync (relevant only for reset-level 3):',
      '1: Driver is the owner                                              -Not supported',
    ].join('\n'));
    expect(q.options.map((o) => [o.list, o.number, o.supported, o.isDefault])).toEqual([['level', 3, true, true], ['level', 0, false, false], ['sync', 1, false, false]]);
    expect(q.issues).toEqual([]);
  });
  it('reads every option of a query a page flattened onto one line, its headings and a writer’s elision between them', () => {
    const read = (t: string): unknown[] => parseFwResetQuery(t).options.map((o) => [o.list, o.number, o.supported, o.isDefault]);
    // Two of the lines, with the writer's `...` between them, rendered onto one line (a documentation page).
    expect(read('3: Driver restart and PCI reset         -Supported (default) ... 1: Driver is the owner                  -Supported (default)\n')).toEqual([
      ['level', 3, true, true],
      ['sync', 1, true, true],
    ]);
    // The whole query on one line: each heading says the list of the options after it.
    const flat = parseFwResetQuery(
      'Reset-levels: 0: Driver, PCI link, network link will remain up ("live-Patch") -Supported (default) 3: Driver restart and PCI reset -Supported 4: Warm Reboot -Supported ' +
        'Reset-types (relevant only for reset-levels 3,4): 0: Full chip reset -Supported (default) 1: Phy-less reset (keep network port active during reset) -Not Supported ' +
        'Reset-sync (relevant only for reset-level 3): 0: Tool is the owner -Supported (default) 1: Driver is the owner -Not supported\n',
    );
    expect([flat.options.map((o) => [o.list, o.number, o.supported, o.isDefault]), flat.issues]).toEqual([
      [['level', 0, true, true], ['level', 3, true, false], ['level', 4, true, false], ['type', 0, true, true], ['type', 1, false, false], ['sync', 0, true, true], ['sync', 1, false, false]],
      [],
    ]);
    // The releases up to 4.12: the old heading, with the device after it, flattened with its levels.
    expect(read('Supported reset levels for loading FW on device, /dev/mst/mt4117_pciconf0: 0: Driver, PCI link, network link will remain up ("live-Patch") -Not Supported 3: Driver restart and PCI reset -Supported (default)\n')).toEqual([
      ['level', 0, false, false],
      ['level', 3, true, true],
    ]);
  });
  it('keeps the tool error of a query that failed, and refuses what is no query', () => {
    expect(parseFwResetQuery('-E- Failed to open device: /dev/mst/mt4119_pciconf0\n').errors).toEqual(['Failed to open device: /dev/mst/mt4119_pciconf0']);
    expect(() => parseFwResetQuery('The reset level for device, 3b:00.0 is:\n\n3: Driver restart and PCI reset\n')).toThrow(/no Reset-levels list/);
  });
});

describe('saved mlxfwreset outputs', () => {
  it('are read under the names a query is saved as, never under a reset’s', () => {
    expect(pastedFwResetArgv('mlxfwreset', '-d_3b:00.0_q.out')).toEqual(['mlxfwreset', '-d', '3b:00.0', 'q']);
    expect(pastedFwResetArgv('mstfwreset', '-d_dev_mst_mt41692_pciconf0_query.txt')).toEqual(['mstfwreset', '-d', '/dev/mst/mt41692_pciconf0', 'query']);
    expect(pastedFwResetArgv('mlxfwreset', 'mlxfwreset-query.txt')).toEqual(['mlxfwreset', 'q']);
    expect(pastedFwResetArgv('mlxfwreset', 'q.txt')).toEqual(['mlxfwreset', 'q']);
    // The tool's own name in front, with the flag after it (a hyphen there is the flag's, not a joining one).
    expect(pastedFwResetArgv('mlxfwreset', 'mlxfwreset -d dev_mst_mt41692_pciconf0 q.txt')).toEqual(['mlxfwreset', '-d', '/dev/mst/mt41692_pciconf0', 'q']);
    expect(pastedFwResetArgv('mstfwreset', 'sudo_mstfwreset_-d_3b:00.0_query.out')).toEqual(['mstfwreset', '-d', '3b:00.0', 'query']);
    // A name with no verb (the tool's name alone, a label of the person's own) is read as a query: the loader tells a query,
    // a reset's printout and a status apart by their text.
    expect(pastedFwResetArgv('mlxfwreset', 'mlxfwreset.txt')).toEqual(['mlxfwreset', 'q']);
    expect(pastedFwResetArgv('mlxfwreset', 'mlxfwreset-bf3.log')).toEqual(['mlxfwreset', 'q']);
    expect(pastedFwResetArgv('mlxfwreset', 'output.out')).toEqual(['mlxfwreset', 'q']);
    for (const n of ['-d_3b:00.0_reset_--sync_1.out', '-d_3b:00.0_reset_fsm_register.out', '-d_3b:00.0_-d_3c:00.0_reset.out']) expect(pastedFwResetArgv('mlxfwreset', n), n).toBeUndefined();
    expect(replayAllowed(['mlxfwreset', '-d', '3b:00.0', 'q'])).toBe(true);
    expect(commandAllowed(['mlxfwreset', '-d', '3b:00.0', 'q'])).toBe(false);
  });
  it('are read under the names a reset’s printout is saved as, replayed and never run', () => {
    expect(pastedFwResetArgv('mlxfwreset', '-d_3b:00.0_reset_-y.out')).toEqual(['mlxfwreset', '-d', '3b:00.0', 'reset']);
    expect(pastedFwResetArgv('mlxfwreset', '-y_-d_0000:04:00.0_reset.out')).toEqual(['mlxfwreset', '-d', '0000:04:00.0', 'reset']);
    expect(pastedFwResetArgv('mlxfwreset', '-d_3d:00.1_reset_-y_-l3.txt')).toEqual(['mlxfwreset', '-d', '3d:00.1', '-l', '3', 'reset']);
    expect(pastedFwResetArgv('mlxfwreset', '-d_3b:00.0_--level_3_r.txt')).toEqual(['mlxfwreset', '-d', '3b:00.0', '-l', '3', 'reset']);
    expect(pastedFwResetArgv('mstfwreset', '-d_dev_mst_mt4129_pciconf0_reset_-y.txt')).toEqual(['mstfwreset', '-d', '/dev/mst/mt4129_pciconf0', 'reset']);
    expect(pastedFwResetArgv('mlxfwreset', 'reset-after-update.log')).toEqual(['mlxfwreset', 'reset']);
    expect(replayAllowed(['mlxfwreset', '-d', '3b:00.0', '-l', '3', 'reset'])).toBe(true);
    expect(replayAllowed(['mlxfwreset', '-d', '3b:00.0', '-l', '9', 'reset'])).toBe(false);
    expect(replayAllowed(['mlxfwreset', '-d', '3b:00.0', 'reset', '-y'])).toBe(false);
    expect(commandAllowed(['mlxfwreset', '-d', '3b:00.0', 'reset'])).toBe(false);
  });
});

describe('mlxfwreset reset run', () => {
  const head = ['Minimal reset level for device, 3b:00.0:', '', '3: Driver restart and PCI reset'];
  it('reads the level, the answer, each step and the outcome', () => {
    const run = parseFwResetRun([...head, 'Continue with reset?[y/N] y', '-I- Stopping Driver                         -Done', '-I- Restarting MST                          -Skipped', '-I- FW was loaded successfully.'].join('\n'));
    expect([run.device, run.level, run.levelDescription, run.answer, run.steps, resetResult(run), run.issues]).toEqual([
      '3b:00.0', 3, 'Driver restart and PCI reset', 'y', [{ step: 'Stopping Driver', status: 'Done' }, { step: 'Restarting MST', status: 'Skipped' }], 'loaded', [],
    ]);
  });
  it('tells a failed, a declined and an unfinished run apart, and names a line that is not the tool’s', () => {
    expect(resetResult(parseFwResetRun([...head, 'Continue with reset?[y/N] y', '-E- Firmware reset failed, retry operation or reboot machine.'].join('\n')))).toBe('failed');
    expect(resetResult(parseFwResetRun([...head, 'Continue with reset?[y/N] n', '-E- Aborted by user.'].join('\n')))).toBe('failed');
    expect(resetResult(parseFwResetRun([...head, 'Continue with reset?[y/N] n'].join('\n')))).toBe('declined');
    const cut = parseFwResetRun([...head, 'Continue with reset?[y/N] y', '-I- Sending Reset Command To Fw             -Done', 'and then it hung'].join('\n'));
    expect([resetResult(cut), cut.issues.map((i) => i.line)]).toEqual(['unfinished', [6]]);
    expect(isFwResetRun(head.join('\n'))).toBe(true);
    expect(isFwResetRun('Reset-levels:\n3: Driver restart and PCI reset   -Supported\n')).toBe(false);
  });
  it('is read under a query’s name too: its text says what it is', async () => {
    const text = readFileSync(join(DIR, 'cx4-reset-minimal-level-y-talos-admin-container.txt'));
    const { db } = await replaySaved('cmd/mlxfwreset/-d_0000:04:00.0_q.out', text);
    expect(db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.reset' ORDER BY key`).all()).toEqual([
      { device_key: '0000:04:00.0', key: 'run.level', value: '3' },
      { device_key: '0000:04:00.0', key: 'run.result', value: 'loaded' },
    ]);
  });
});

describe('another mst tool’s output pasted above a query', () => {
  it('is recorded as the other tool’s unread output, one issue, not as lines of the query', () => {
    const reset = readFileSync(join(DIR, 'bf3-mlxfwreset-q-quoted-fence-dpu-notes.txt'), 'utf8').split('\n').slice(3, 8).map((l) => l.replace(/^> ?/, ''));
    const flint = readFileSync(new URL('./fixtures/real/mstflint/cx6dx-fs4-server-prompt.txt', import.meta.url), 'utf8').split('\n').filter((l) => !/^(?:\[root@|```)/.test(l));
    const text = ['sh-5.1# mlxfwreset -d /dev/mst/mt41692_pciconf0 query', ...reset, 'sh-5.1# flint -d /dev/mst/mt41692_pciconf0 q', ...flint].join('\n');
    const { runs, issues } = parseMstflintRuns(text);
    expect(runs.map((r) => [r.device, r.query.psid])).toEqual([['/dev/mst/mt41692_pciconf0', 'MT_0000000359']]);
    expect(issues).toEqual([{ line: 2, text: 'Reset-levels:', message: '5 line(s) of the output of "mlxfwreset -d /dev/mst/mt41692_pciconf0 query" not read' }]);
  });
});

describe('a real reset printout saved as mlxfwreset.txt, its name saying no verb', () => {
  it('is read as the reset its text shows: the level it took and what it came to, on the device it names (Talos issue, ConnectX-4)', async () => {
    const text = readFileSync(new URL('./fixtures/real/fwreset/cx4-reset-minimal-level-y-talos-admin-container.txt', import.meta.url), 'utf8');
    const { db } = await replaySaved('mlxfwreset.txt', text);
    try {
      expect(db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.reset' ORDER BY key`).all()).toEqual([
        { device_key: '0000:04:00.0', key: 'run.level', value: '3' },
        { device_key: '0000:04:00.0', key: 'run.result', value: 'loaded' },
      ]);
    } finally {
      db.close();
    }
  });
});
