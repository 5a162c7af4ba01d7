/**
 * ESXi's shell prompt ends with no sign (`[root@esxi01:~] /opt/mellanox/bin/flint -d mt4119_pciconf0 q`): every mst tool's
 * reader takes it for a prompt, as the firmware managers' reader did, so its command names the device and starts a run,
 * and it is no unread line. Real corpus outputs, each with the prompt it shows written the way ESXi's shell prints it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { parseFwResetQuery } from '../../analyzer/classes/mlx5/fwreset-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const esxi = (command: string): string => `[root@esxi01:~] ${command}\n`;

describe("ESXi's prompt, which ends with no sign", () => {
  it('two flint queries of two cards in one paste are two devices, each named by its own command', () => {
    const text = esxi('/opt/mellanox/bin/flint -d mt4119_pciconf0 q') + real('mstflint/cx5-fs4-ofed47-no-command.txt') +
      esxi('/opt/mellanox/bin/flint -d mt4099_pci_cr0 q') + real('mstflint/cx3-fs2-winmft-no-prompt.txt');
    const r = parseMstflintRuns(text);
    expect(r.runs.map((x) => [x.device, x.query.fwVersion])).toEqual([['mt4119_pciconf0', '16.26.4012'], ['mt4099_pci_cr0', '2.33.5220']]);
    expect(r.issues).toEqual([]);
  });

  it('an mlxconfig query under it: no unread line, the device its command names', async () => {
    const text = real('mstconfig/cx5-esxi-current-collapsed-spaces-smartx.txt').replace(/^# /, '[root@esxi01:~] ');
    const q = parseMstconfigQuery(text);
    expect(q.issues).toEqual([]);
    expect(q.devices.map((d) => d.commandDevice)).toEqual(['mt4121_pciconf0']);
    const { db } = await replaySaved('cmd/mlxconfig/mlxconfig esxi.txt', text);
    expect(db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace = 'mlxconfig'`).all()).toEqual([{ device_key: 'mst:mt4121_pciconf0' }]);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
  }, 60_000);

  it('an mlxfwreset query under it: no unread line', () => {
    // The query inside the sample's quoted fence, pasted alone under the command.
    const fenced = real('fwreset/bf3-mlxfwreset-q-quoted-fence-dpu-notes.txt').split('\n').map((l) => l.replace(/^> ?/, ''));
    const body = fenced.slice(fenced.indexOf('```') + 1, fenced.lastIndexOf('```')).join('\n');
    const text = esxi('/opt/mellanox/bin/mlxfwreset -d mt41692_pciconf0 q') + body;
    expect(parseFwResetQuery(body).options.length).toBeGreaterThan(0);
    expect(parseFwResetQuery(text).issues).toEqual([]);
  });
});
