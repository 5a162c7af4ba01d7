/**
 * A device argument copied from a manual (`<MST_DEVICE_NAME>`, `<NIC>`, `<device>`, `mlx5_<x>`, `$DEV`) names no card:
 * it is never a device key. The outputs are real public ones of the corpus, pasted under such a command line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPlaceholderDevice } from '../../analyzer/classes/mlx5/placeholder.js';
import { replaySaved } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

async function keys(saveAs: string, text: string): Promise<{ devices: string[]; noDevice: number }> {
  const { db } = await replaySaved(saveAs, text);
  const devices = (db.prepare(`SELECT DISTINCT device_key FROM settings UNION SELECT DISTINCT device_key FROM firmware`).all() as { device_key: string }[]).map((r) => r.device_key).sort();
  const noDevice = (db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'NO-DEVICE'`).get() as { n: number }).n;
  return { devices, noDevice };
}

describe('a placeholder device in a pasted command', () => {
  it('is told from a real device name', () => {
    for (const p of ['<MST_DEVICE_NAME>', '<NIC>', '<device>', '<PF>', 'mlx5_<x>', '$DEV', '${pci}', '/dev/mst/mt4129_pciconfN', 'mt4119_pci_crX']) expect(isPlaceholderDevice(p), p).toBe(true);
    for (const d of ['mt4119_pciconf0', '/dev/mst/mt4119_pciconf0', '3b:00.0', 'mlx5_0', 'pci0:59:0:0']) expect(isPlaceholderDevice(d), d).toBe(false);
  });

  it('a placeholder holding spaces (`-d <NIC Bus Id>`), whose first word is all the command gives as the device', () => {
    for (const p of ['<NIC', '<pci_device_path', '<PCI']) expect(isPlaceholderDevice(p), p).toBe(true);
  });

  it('an mlxconfig set under `mlxconfig -d <NIC Bus Id> s …` (a README\'s words) is keyed by its own Device: line (NVIDIA/5t5g issue 3)', async () => {
    const text = real('mstconfig/cx6dx-dell-set-unknown-parameter-5t5g-issue3.txt').replace(/```\n?/g, '');
    expect((await keys('cmd/mlxconfig/set.out', `$ sudo mlxconfig -d <NIC Bus Id> s PROG_PARSE_GRAPH=1\n${text}`)).devices).toEqual(['mst:mlx5_0']);
  });

  it('an mlxconfig query under `mlxconfig -d <MST_DEVICE_NAME> q` is keyed by its own Device: line', async () => {
    const text = real('mstconfig/cx3-next-boot-xcp-ng-issue544.txt').replace(/^# mlxconfig query\n/, '# mlxconfig -d <MST_DEVICE_NAME> q\n');
    expect((await keys('cmd/mlxconfig/query.out', text)).devices).toEqual(['mst:mt4099_pciconf0']);
  });

  it('a flint query under `flint -d <device> q` names no device: nothing is stored under the placeholder, the query is its card\'s by the base GUID it prints', async () => {
    const flint = real('mstflint/cx4lx-fs3-dell-psid-vi.txt').replace(/```\n?/g, '');
    const got = await keys('cmd/flint/q.out', `$ sudo flint -d <device> q\n${flint}`);
    expect(got.devices).toEqual(['mst:guid-b8599f0300b3d7dc']);
    expect(got.noDevice).toBe(0);
  });
});

describe('a bracketed root prompt glued to the command', () => {
  it('a placeholder a page HTML-escaped (`flint -d &lt;MST_DEVICE_NAME&gt; q`, a ConnectX-2 manual query) is still no device: the card is its base GUID\'s', async () => {
    const html = real('mstflint/connectx2-vpi-manual-pdf-wrapped-guids-placeholder-device.txt').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\//g, '&#x2F;');
    expect((await keys('cmd/flint/q.txt', html)).devices).toEqual(['mst:guid-0002c9030005cffa']);
  });

  it('`> [root@localhost ~]#mstconfig -d 4b:00.0 q` above an mlxconfig query names its device', async () => {
    const { pastedCommandDevice } = await import('../../analyzer/classes/mlx5/loader.js');
    const body = real('mstconfig/cx3-next-boot-xcp-ng-issue544.txt').replace(/^# mlxconfig query\n/, '');
    expect(pastedCommandDevice(Buffer.from(`> [root@localhost ~]#mstconfig -d 4b:00.0 q\n${body}`))).toBe('4b:00.0');
    expect(pastedCommandDevice(Buffer.from(`[root@localhost ~]#flint -d 0000:4b:00.0 q\n`))).toBe('0000:4b:00.0');
  });
});

describe('an mlxconfig query recorded by script -c, its typescript pasted', () => {
  const body = real('mstconfig/cx7-next-boot-head-sriov-dp-issue601.txt');
  const typescript = (command: string, above = ''): string =>
    `${above}Script started on 2024-09-26 10:00:05+08:00 [COMMAND="${command}" TERM="xterm-256color" TTY="/dev/pts/2" COLUMNS="160" LINES="48"]\r\n${body.replace(/\n/g, '\r\n')}\r\nScript done on 2024-09-26 10:00:06+08:00 [COMMAND_EXIT_CODE="0"]\n`;
  const mail = 'Hi,\n\nbelow is what the card says, recorded with script(1)\non the worker node, before the change:\n\n';

  it('is keyed to the device the command names, however much is written above the typescript', async () => {
    expect((await keys('cmd/mlxconfig/q.out', typescript('mlxconfig -d 0000:c1:00.0 q', mail))).devices).toEqual(['0000:c1:00.0']);
    expect((await keys('cmd/mlxconfig/q.out', typescript('sudo mlxconfig -d /dev/mst/mt4129_pciconf0 q'))).devices).toEqual(['mst:mt4129_pciconf0']);
  });

  it("names no card when the command is a how-to's (/dev/mst/mt4129_pciconfN), as the same output pasted under that command line", async () => {
    const ts = await keys('cmd/mlxconfig/q.out', typescript('mlxconfig -d /dev/mst/mt4129_pciconfN q', mail));
    const typed = await keys('cmd/mlxconfig/q.out', `# mlxconfig -d /dev/mst/mt4129_pciconfN q\n${body}`);
    expect(ts.devices).toEqual([]);
    expect(typed).toEqual(ts);
  });
});
