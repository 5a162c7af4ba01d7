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
    expect(two.noDevice).toEqual([expect.stringContaining('the bundle shows no one ConnectX card of its type to be it')]);
    const none = await keys({ 'cmd/mlxfwreset/q.out': FWRESET.replace(/^> ?/gm, '') });
    expect(none.noDevice).toEqual([expect.stringContaining('the bundle shows no one ConnectX card to be it')]);
  });

  it('an mlxconfig query printing another device type than the one card is not that card', async () => {
    const bf3 = MLXCONFIG.replace(/^/, 'Device type:        BlueField3\n\n');
    const got = await keys({ 'cmd/mstflint/-d_0000:41:00.0_q.out': CX7_FLINT, 'cmd/mlxconfig/q.out': bf3 });
    expect(got.config).toEqual([]);
  });
});
