/**
 * A ticket's `nvme id-ctrl -H /dev/nvme0n1 | grep -i fr`, followed by the lines grep kept: an excerpt of the output.
 * Before, the pipe was dropped with the rest of the command line and the excerpt read as the whole output, refused
 * for lacking the vid and mn grep left out. The output is the corpus sample id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H
 * (a Crucial P3 Plus, nvme-cli 2.x -H) filtered as a person would, no public filtered paste of an -H output having been found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const OUTPUT = readFileSync(new URL('./fixtures/real/id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H.txt', import.meta.url), 'utf8').split('\n').slice(1);
/** The output's lines as `grep` with these options and pattern keeps them (`-i`, `-v`). */
const grep = (re: RegExp, invert = false): string => OUTPUT.filter((l) => l !== '' && re.test(l) !== invert).join('\n');

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      devices: all<{ device_key: string; model: string | null; serial: string | null }>(`SELECT device_key, model, serial FROM devices WHERE class = 'nvme'`),
      rows: all<{ f: string }>(`SELECT 'firmware ' || component || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || namespace || ' ' || key || ' ' || value FROM settings ORDER BY 1`).map((r) => r.f),
      issues: all<{ code: string; message: string }>(`SELECT code, message FROM collection_issues WHERE code NOT IN ('NOT_READ', 'PASTE-AROUND')`).map((i) => `${i.code} ${i.message}`),
    };
  } finally {
    db.close();
  }
}

describe('an nvme id-ctrl output filtered by a pipe', () => {
  it('is an excerpt: the fields grep kept are read and stored, nothing is refused for the vid and mn it left out, and the filter is told', async () => {
    const r = await read(`The drive will not take the update:\n\n$ sudo nvme id-ctrl -H /dev/nvme0n1 | grep -i fr\n${grep(/fr/i)}\n`);
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', model: null, serial: null }]);
    expect(r.rows).toEqual([
      'firmware firmware P9CR40A running',
      'setting nvme.id-ctrl activation_without_reset 1',
      'setting nvme.id-ctrl firmware_slots 1',
      'setting nvme.id-ctrl frmw 18',
      'setting nvme.id-ctrl slot1_read_only 0',
    ]);
    expect(r.issues).toEqual(['PASTE-FILTERED line 3: the output was filtered by `grep -i fr`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent']);
  });

  it('with the power states grep -v left out, none is stored; the count npss says is', async () => {
    const r = await read(`# nvme id-ctrl -H /dev/nvme0n1 | grep -v -E "^ps|rwt:" | grep -v Supported\n${grep(/^ps|rwt:|Supported/, true)}\n`);
    expect(r.rows).toContain('firmware firmware P9CR40A running');
    expect(r.rows).toContain('setting nvme.id-ctrl power_states 5');
    expect(r.rows.filter((x) => x.startsWith('setting nvme.power-state'))).toEqual([]);
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', model: 'CT4000P3PSSD8', serial: '2242E67C541A' }]);
    expect(r.issues).toEqual(['PASTE-FILTERED line 1: the output was filtered by `grep -v -E "^ps|rwt:" | grep -v Supported`: only the lines it kept were pasted, read as far as they go; what it left out is unknown, not absent']);
  });

  it('through a pager or tee it is the whole output, no excerpt', async () => {
    const r = await read(`$ sudo nvme id-ctrl -H /dev/nvme0n1 | tee id-ctrl.txt | less\n${OUTPUT.join('\n')}`);
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', model: 'CT4000P3PSSD8', serial: '2242E67C541A' }]);
    expect(r.rows.filter((x) => x.startsWith('setting nvme.power-state'))).toHaveLength(5);
    expect(r.issues).toEqual([]);
  });
});
