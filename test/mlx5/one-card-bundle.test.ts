/**
 * An mlxconfig query with neither a command nor a `Device:` line, and an mlxfwreset query with no device, print nothing of
 * their card's own (no address, GUID or PSID): they are the bundle's one ConnectX card, when the bundle shows one (and,
 * for mlxconfig, one of the device type it prints); else NO-DEVICE says why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
// A ConnectX-7 query of the corpus (mstflint, firmware 28.x), keyed by the PCI function its command names.
const CX7_FLINT = real('mstflint/cx7-fs4-secure-fw-openshift.txt').replace(/^flint .*\n/, '');
const MLXCONFIG = real('mstconfig/cx7-next-boot-sriov-dp-issue601.txt');
const FWRESET = real('fwreset/bf3-mlxfwreset-q-quoted-fence-dpu-notes.txt');

async function keys(files: Record<string, string>): Promise<{ config: unknown[]; reset: unknown[]; noDevice: unknown[] }> {
  const { db } = await replayTree(files);
  try {
    return {
      config: db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace = 'mlxconfig' ORDER BY device_key`).all(),
      reset: db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace = 'mlx.reset' ORDER BY device_key`).all(),
      noDevice: db.prepare(`SELECT message FROM collection_issues WHERE code = 'NO-DEVICE'`).all().map((r) => (r as { message: string }).message),
    };
  } finally {
    db.close();
  }
}

describe('an output that names no device and prints nothing of its card', () => {
  it('an mlxconfig query (no command, no Device line) is the bundle\'s one ConnectX-7, its flint query\'s PCI function', async () => {
    const got = await keys({ 'cmd/mstflint/-d_0000:41:00.0_q.out': CX7_FLINT, 'cmd/mlxconfig/q.out': MLXCONFIG });
    expect(got.config).toEqual([{ device_key: '0000:41:00.0' }]);
    expect(got.noDevice).toEqual([]);
  });

  it('an mlxfwreset query is the bundle\'s one card', async () => {
    const got = await keys({ 'cmd/mstflint/-d_0000:41:00.0_q.out': CX7_FLINT, 'cmd/mlxfwreset/q.out': FWRESET.replace(/^> ?/gm, '') });
    expect(got.reset.length).toBe(1);
    expect(got.reset).toEqual([{ device_key: '0000:41:00.0' }]);
  });

  it('stays NO-DEVICE, saying why, when the bundle shows two cards, or none', async () => {
    const two = await keys({ 'cmd/mstflint/-d_0000:41:00.0_q.out': CX7_FLINT, 'cmd/mstflint/-d_0000:81:00.0_q.out': CX7_FLINT.replace(/Base (GUID|MAC):(\s+)(\w)/g, 'Base $1:$2f'), 'cmd/mlxconfig/q.out': MLXCONFIG });
    expect(two.config).toEqual([]);
    expect(two.noDevice).toEqual([expect.stringContaining('the bundle shows 2 ConnectX/BlueField cards (0000:41:00.0, 0000:81:00.0)')]);
    const none = await keys({ 'cmd/mlxfwreset/q.out': FWRESET.replace(/^> ?/gm, '') });
    expect(none.noDevice).toEqual([expect.stringContaining('the bundle shows no ConnectX or BlueField card to be it')]);
  });

  it('an mlxconfig query printing another device type than the one card is not that card', async () => {
    const bf3 = MLXCONFIG.replace(/^/, 'Device type:        BlueField3\n\n');
    const got = await keys({ 'cmd/mstflint/-d_0000:41:00.0_q.out': CX7_FLINT, 'cmd/mlxconfig/q.out': bf3 });
    expect(got.config).toEqual([]);
  });

  // lspci pasted beside the query (plain, -nn, -vvv) shows the cards too: a ConnectX is one endpoint, its functions on its own bus.
  const LSPCI = '03:00.0 Ethernet controller: Mellanox Technologies MT2910 Family [ConnectX-7]\n03:00.1 Ethernet controller: Mellanox Technologies MT2910 Family [ConnectX-7]\n03:00.2 Ethernet controller: Mellanox Technologies ConnectX Family mlx5Gen Virtual Function\n';
  const LSPCI_NN = '03:00.0 Ethernet controller [0200]: Mellanox Technologies MT2910 Family [ConnectX-7] [15b3:1021]\n81:00.0 Ethernet controller [0200]: Mellanox Technologies MT2910 Family [ConnectX-7] [15b3:1021]\n';

  it('one card in lspci gives the query its bus address; its VF is no card of its own', async () => {
    const got = await keys({ 'cmd/lspci/lspci.out': LSPCI, 'cmd/mlxconfig/q.out': MLXCONFIG, 'cmd/mlxfwreset/q.out': FWRESET.replace(/^> ?/gm, '') });
    expect(got.config).toEqual([{ device_key: '0000:03:00.0' }]);
    expect(got.reset).toEqual([{ device_key: '0000:03:00.0' }]);
    expect(got.noDevice).toEqual([]);
  });

  it('two cards in lspci -nn: NO-DEVICE naming both', async () => {
    const got = await keys({ 'cmd/lspci/-nn.out': LSPCI_NN, 'cmd/mlxconfig/q.out': MLXCONFIG });
    expect(got.config).toEqual([]);
    expect(got.noDevice).toEqual([expect.stringContaining('the bundle shows 2 ConnectX/BlueField cards (0000:03:00.0, 0000:81:00.0)')]);
  });

  it('one card of another family in lspci is not the query\'s (mlxconfig prints BlueField3, lspci a ConnectX-7)', async () => {
    const got = await keys({ 'cmd/lspci/lspci.out': LSPCI, 'cmd/mlxconfig/q.out': MLXCONFIG.replace(/^/, 'Device type:        BlueField3\n\n') });
    expect(got.config).toEqual([]);
    expect(got.noDevice).toEqual([expect.stringContaining('0000:03:00.0, is a ConnectX-7, not a BlueField3')]);
  });

  it('lspci -vvv of one BlueField-3 (its bridge and management function beside its two ports) gives an mlxfwreset query its card', async () => {
    const vvv = ['02:00.0 PCI bridge: Mellanox Technologies MT43244 Family [BlueField-3 SoC PCIe Bridge] (rev 01) (prog-if 00 [Normal decode])', '\tControl: I/O+ Mem+ BusMaster+',
      '03:00.0 Ethernet controller: Mellanox Technologies MT43244 BlueField-3 integrated ConnectX-7 network controller (rev 01)', '\tSubsystem: Mellanox Technologies Device 0051', '\tKernel driver in use: mlx5_core',
      '03:00.1 Ethernet controller: Mellanox Technologies MT43244 BlueField-3 integrated ConnectX-7 network controller (rev 01)', '\tKernel driver in use: mlx5_core',
      '03:00.2 DMA controller: Mellanox Technologies MT43244 BlueField-3 SoC Management Interface (rev 01)', ''].join('\n');
    const got = await keys({ 'cmd/lspci/-vvv.out': vvv, 'cmd/mlxfwreset/q.out': FWRESET.replace(/^> ?/gm, '') });
    expect(got.reset).toEqual([{ device_key: '0000:03:00.0' }]);
  });
});
