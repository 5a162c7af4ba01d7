/**
 * `nvme error-log` (text and -o json) is collected under its saved names and stored as nvme.error-log rows: before, no
 * error-log was read (UNKNOWN_NAME), so a support engineer's first look at a drive's failed commands reached nothing.
 * Real outputs are in fixtures/real/error-log; the JSON here is nvme-cli's shape (no whole real -o json was found).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseErrorLogJson, parseErrorLogText } from '../../analyzer/classes/nvme/nvme-error-log.js';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';
import { tempDir } from '../helpers/tmp.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/error-log/${name}`, import.meta.url), 'utf8');

async function load(files: Record<string, string>): Promise<Db> {
  const tree = join(tempDir(), 'tree');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, name)), { recursive: true });
    writeFileSync(join(tree, name), text);
  }
  const out = join(tree, '..', 'b.tar.gz');
  await collect({ output: out, root: tree, only: ['nvme'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return db;
}

const rows = (db: Db): Record<string, string | null> =>
  Object.fromEntries((db.prepare(`SELECT device_key || ' ' || key AS k, value FROM settings WHERE namespace = 'nvme.error-log' ORDER BY k`).all() as { k: string; value: string | null }[]).map((r) => [r.k, r.value]));

describe('nvme error-log', () => {
  it('is a read-only nvme-cli command under its natural names, with -e/--log-entries', () => {
    expect(savedNvmeCommand('cmd/nvme/error-log_nvme0.out')?.argv).toEqual(['nvme', 'error-log', '/dev/nvme0']);
    expect(savedNvmeCommand('cmd/nvme/nvme-error-log-nvme1-o-json.json')?.argv).toEqual(['nvme', 'error-log', '/dev/nvme1', '-o', 'json']);
    expect(savedNvmeCommand('cmd/nvme/error-log_--log-entries=1_nvme0n1p3.txt')).toMatchObject({ argv: ['nvme', 'error-log', '/dev/nvme0n1p3', '--log-entries=1'], controller: 'nvme0' });
    expect(savedNvmeCommand('cmd/nvme/error-log_-e_16_nvme2.out')?.argv).toEqual(['nvme', 'error-log', '/dev/nvme2', '-e', '16']);
    // A name that says no subcommand takes nvme-cli's heading.
    expect(savedNvmeCommand('cmd/nvme/nvme1.txt', 'Error Log Entries for device:nvme1 entries:16\n.................\n')?.argv).toEqual(['nvme', 'error-log', '/dev/nvme1']);
  });

  it('decodes the status without its phase tag: nvme-cli 1.14 on prints it so, older releases the whole field', () => {
    const shifted = parseErrorLogText(real('corsair-p3plus-issue2540-cli2-csi-opcode-cut.txt')).list[0]!;
    expect(shifted).toMatchObject({ errorCount: 13, cmdid: 0xa005, status: 0x2002, sct: 0, sc: 2, more: true, dnr: false, nsid: 1, statusText: expect.stringMatching(/^Invalid Field in Command/) });
    // Issue 800: 0xc502 printed whole is 0x6281 without the phase tag: SCT 2 (media), SC 0x81 (unrecovered read error).
    const whole = parseErrorLogText(real('read-error-c502-issue800-cli1-raw-status-cut.txt')).list[0]!;
    expect(whole).toMatchObject({ index: 63, errorCount: 9290042, status: 0x6281, sct: 2, sc: 0x81, more: true, dnr: true, lba: 0x19408a50 });
  });

  it('reads a grep of its fields as entries in order', () => {
    const log = parseErrorLogText('sudo nvme error-log /dev/nvme0n1 | grep -e \'error_count : \'\nerror_count    : 158\nerror_count    : 157\n');
    expect(log.list.map((e) => e.errorCount)).toEqual([158, 157]);
    expect(log.issues).toEqual([]);
  });

  it('reads -o json of both forms: the whole status (1.x) and the status beside its phase tag (1.14 on)', () => {
    const entry = { error_count: 12, sqid: 3, cmdid: 26, parm_error_location: 65535, lba: 4856576, nsid: 1, vs: 0, trtype: 0, cs: 0, trtype_spec_info: 0 };
    const older = parseErrorLogJson(JSON.stringify({ errors: [{ ...entry, status_field: 0x4005 }, { ...entry, error_count: 0, status_field: 0 }] }, null, 2));
    expect(older.entries).toBe(2);
    expect(older.list[0]).toMatchObject({ status: 0x2002, sct: 0, sc: 2, more: true, lba: 4856576, cmdid: 26 });
    const newer = parseErrorLogJson(JSON.stringify({ errors: [{ ...entry, status_field: 0x2002, phase_tag: 1 }] }));
    expect(newer.list[0]).toMatchObject({ status: 0x2002, sc: 2, more: true });
    expect(() => parseErrorLogJson('{"critical_warning": 0}')).toThrow(/no "errors" array/);
  });

  it('stores the count, the highest error count and each entry holding an error, on the controller the node reaches', async () => {
    const db = await load({
      'cmd/nvme/error-log ng1n1.txt': real('ng1n1-issue3339-cli2-generic-node-tabs-cut.txt'),
      'cmd/nvme/error-log_nvme0_-o_json.out': JSON.stringify({ errors: [{ error_count: 5, sqid: 1, cmdid: 7, status_field: 0x4080, phase_tag: 0, parm_error_location: 0, lba: 524280, nsid: 1, vs: 0, trtype: 0, cs: 0, trtype_spec_info: 0 }] }, null, 2),
    });
    expect(rows(db)).toEqual({
      'nvme:nvme0 entries': '1',
      'nvme:nvme0 entry0': 'error_count 5 sqid 1 cmdid 0x7 status 0x4080 sct 0x0 sc 0x80 dnr parm_err_loc 0x0 lba 524280 nsid 1',
      'nvme:nvme0 error_count': '5',
      'nvme:nvme0 errors_logged': '1',
      'nvme:nvme1 entries': '16',
      'nvme:nvme1 entry0': 'error_count 17 sqid 0 cmdid 0x6010 status 0x2002 (Invalid Field in Command: A reserved coded value or an unsupported value in a defined field) sct 0x0 sc 0x2 more parm_err_loc 0x28 lba 0 nsid 0',
      'nvme:nvme1 error_count': '17',
      'nvme:nvme1 errors_logged': '1',
    });
    db.close();
  });
});
