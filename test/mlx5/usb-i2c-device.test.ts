/**
 * A flint query through the MTUSB-1 USB-to-I2C adapter, which reaches a card's flash over its I2C header (a card whose
 * firmware will not come up on PCI, or one being cross-flashed): mst names it `/dev/mst/mtusb-1`. A text typing
 * `flint -d /dev/mst/mtusb-1 query` above the output was not taken for that command — the device's `-` was not an mst
 * node's — so saved loose as `flint.txt` it was not read at all, and under `cmd/flint/flint.txt` it was read as the bare
 * tool. The real ConnectX-7 query of the corpus, as a forum page kept it (spaces collapsed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/mstflint/cx7-mtusb-query-sth-forum-collapsed.txt', import.meta.url), 'utf8');

async function read(saveAs: string, text: string): Promise<{ commands: string[]; firmware: unknown[] }> {
  const { db } = await replaySaved(saveAs, text);
  try {
    return {
      commands: (db.prepare(`SELECT name FROM artifacts WHERE origin_kind = 'cmd' AND name NOT LIKE '%.err' ORDER BY 1`).all() as { name: string }[]).map((r) => r.name),
      firmware: db.prepare(`SELECT device_key, component, state, version FROM firmware ORDER BY component, state`).all(),
    };
  } finally {
    db.close();
  }
}

const FIRMWARE = [
  { device_key: 'mst:mtusb-1', component: 'firmware', state: 'running', version: '28.33.0751' },
  { device_key: 'mst:mtusb-1', component: 'firmware', state: 'stored', version: '28.33.0751' },
  { device_key: 'mst:mtusb-1', component: 'psid', state: 'fixed', version: 'MT_0000000841' },
];

describe('a flint query through the USB-to-I2C adapter (/dev/mst/mtusb-1)', () => {
  it.each([
    ['flint.txt', 'cmd/flint/-d_%2fdev%2fmst%2fmtusb-1_query.out'],
    ['cmd/flint/flint.txt', 'cmd/flint/-d_%2fdev%2fmst%2fmtusb-1_query.out'],
    ['notes.txt', 'cmd/flint/-d_%2fdev%2fmst%2fmtusb-1_query.out'],
  ])('saved as %s, is read as the command typed in it (%s)', async (saveAs, command) => {
    const r = await read(saveAs, SAMPLE);
    expect(r.commands).toEqual([command]);
    expect(r.firmware).toEqual(FIRMWARE);
  }, 60_000);

  it('saved under its command, with the device spelled for a file name, is read alike', async () => {
    const r = await read('cmd/flint/-d_dev_mst_mtusb-1_query.txt', SAMPLE.split('\n').slice(1).join('\n'));
    expect(r.firmware).toEqual(FIRMWARE);
  }, 60_000);

  it('a node reached in band is still not an mst node of this host', async () => {
    // Only flint and mlxlink are replayed for an in-band node; mlxconfig's query of one is not a command it reads.
    const r = await read('cmd/mlxconfig/-d_%2fdev%2fmst%2fCA_MT4123_ConnectX6_Mellanox_Technologies_lid-0x0003_q.out', 'Device #1:\n----------\n\nDevice type:    ConnectX6\n');
    expect(r.commands).toEqual([]);
  }, 60_000);
});
