/**
 * A command a terminal or a mail client wrapped before its options (`$ sudo mlxconfig` and `-d 03:00.0 q` on the next
 * line): the options are the command's, so they name the device and are no unread line of output. Real corpus outputs,
 * each under its command written that way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('a command wrapped before its options', () => {
  it('an mlxconfig query: the device its options name, no unread line', async () => {
    const text = real('mstconfig/cx5-esxi-current-collapsed-spaces-smartx.txt').replace(/^# \/opt\/mellanox\/bin\/mlxconfig /, '$ sudo mlxconfig\n');
    const q = parseMstconfigQuery(text);
    expect(q.issues).toEqual([]);
    expect(q.devices.map((d) => d.commandDevice)).toEqual(['mt4121_pciconf0']);
    const { db } = await replaySaved('cmd/mlxconfig/mlxconfig.txt', text);
    expect(db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace = 'mlxconfig'`).all()).toEqual([{ device_key: 'mst:mt4121_pciconf0' }]);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
  }, 60_000);

  it('two flint queries in a mail quote, each wrapped: two devices', () => {
    const quoted = (command: string, options: string, body: string): string =>
      `> root@host:~# ${command}\n> ${options}\n${body.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n')}\n`;
    const text = quoted('flint', '-d mt4119_pciconf0 q', real('mstflint/cx5-fs4-ofed47-no-command.txt').trimEnd()) +
      quoted('sudo mstflint', '-d 04:00.0 q', real('mstflint/cx3-fs2-winmft-no-prompt.txt').trimEnd());
    const r = parseMstflintRuns(text);
    expect(r.runs.map((x) => [x.device, x.query.fwVersion])).toEqual([['mt4119_pciconf0', '16.26.4012'], ['04:00.0', '2.33.5220']]);
    expect(r.issues).toEqual([]);
  });

  it('a tool message on the line after a bare command stays the tool message', () => {
    const q = parseMstconfigQuery('# mlxconfig\n-E- missing device argument\n');
    expect(q.devices[0]!.errors).toEqual(['missing device argument']);
  });
});
