import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * An output saved at the top of a tree under its tool's name alone (`smartctl.txt`, `hdparm.log`), the command typed
 * above it: the name says only which tool, the typed line says what was run, options too, as it does in a ticket's
 * text (`ticket.txt`). Before, the name was read as the command with no option and the device taken from the text:
 * `smartctl -x /dev/disk/by-partlabel/j1d01-ssd` was stored as `smartctl /dev/disk/by-partlabel/j1d01-ssd`.
 * Real outputs: colttt's HGST HUSMM1640ASS200 smartctl -x (zbx-smartctl issue 24, typed with a trailing space) and
 * the Intel SSDSC2BB240G6 hdparm -IC (its prompt line), each as the corpus holds it.
 */
const REAL = new URL('./fixtures/real/', import.meta.url);
const hgst = readFileSync(new URL('smartctl/hgst-husmm1640ass200-sas-ssd-partlabel-zbx-smartctl24-cut.txt', REAL), 'utf8');
const intel = readFileSync(new URL('hdparm/intel-ssdsc2bb240g6-showtools7-IC.txt', REAL), 'utf8');

type Stored = { commands: string[]; from: string[]; notRead: string[] };

async function stored(name: string, text: string): Promise<Stored> {
  const { db } = await replayTree({ [name]: text });
  try {
    const rows = db.prepare(`SELECT origin, saved_as FROM artifacts WHERE origin_kind = 'cmd' AND name LIKE '%.out'`).all() as { origin: string; saved_as: string }[];
    return {
      commands: rows.map((r) => (JSON.parse(r.origin) as { argv: string[] }).argv.join(' ')),
      from: rows.map((r) => r.saved_as),
      notRead: (db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

describe('an output saved under its tool\'s name alone is the command typed above it', () => {
  it('smartctl.txt: smartctl -x on the partition label, as ticket.txt gives it', async () => {
    expect(hgst.split('\n')[0]).toBe('smartctl -x /dev/disk/by-partlabel/j1d01-ssd ');
    for (const name of ['smartctl.txt', 'sudo smartctl.log']) {
      const r = await stored(name, hgst);
      expect(r.commands).toEqual(['smartctl -x /dev/disk/by-partlabel/j1d01-ssd']);
      expect(r.notRead).toEqual([]);
    }
    expect((await stored('ticket.txt', hgst)).commands).toEqual(['smartctl -x /dev/disk/by-partlabel/j1d01-ssd']);
  });

  it('hdparm.txt: hdparm -IC, not hdparm with no option', async () => {
    expect(intel.split('\n')[0]).toMatch(/# hdparm -IC \/dev\/sdb$/);
    const r = await stored('hdparm.txt', intel);
    expect(r.commands).toEqual(['hdparm -IC /dev/sdb']);
    expect(r.notRead).toEqual([]);
  });

  it('a name that gives the options is read by its name, as before', async () => {
    expect((await stored('smartctl_-a_sdb.txt', hgst)).commands).toEqual(['smartctl -a /dev/sdb']);
  });
});
