import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * smartctl's SMART data pasted alone, untyped, without banner, section heading or the drive's identity: the attribute
 * table of -A (its heading `ID# ATTRIBUTE_NAME FLAG VALUE WORST THRESH TYPE UPDATED WHEN_FAILED RAW_VALUE`, which no
 * other tool prints), or the verdict of -H over it. It was kept unread; it is smartctl's ATA SMART data: an ATA drive
 * with its protocol and verdict, no model or serial made up, named by its file as any smartctl output naming no drive
 * is, or by the node the text names. Real excerpts of test/ata/fixtures/real/smartctl (provenance beside each).
 */
const real = (name: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${name}.txt`, import.meta.url), 'utf8');
const TABLE = real('attributes-excerpt-check-smart26');
const FAILING = real('attributes-excerpt-failing-now-smartmontools163');

async function replay(name: string, text: string): Promise<{ devices: unknown[]; settings: string[]; unread: unknown[] }> {
  const { db } = await replayTree({ [name]: text });
  try {
    return {
      devices: db.prepare(`SELECT device_key, class, model, serial FROM devices`).all(),
      // The attribute rows are stored too (test/ata/smartctl-attribute-table.test.ts): here only the drive's other facts.
      settings: (db.prepare(`SELECT namespace || ' ' || key || ' ' || value AS s FROM settings WHERE namespace <> 'smartctl.attribute' ORDER BY s`).all() as { s: string }[]).map((r) => r.s),
      unread: db.prepare(`SELECT name, parse_error FROM artifacts WHERE name LIKE 'unread/%' OR parse_error IS NOT NULL`).all(),
    };
  } finally {
    db.close();
  }
}

describe('smartctl SMART data pasted alone, untyped', () => {
  it.each([['attribute table', TABLE], ['heading, elision and one failing attribute', FAILING]])('%s: an ATA drive\'s data, no identity made up', async (_, text) => {
    const r = await replay('attachment.txt', text);
    expect(r.unread).toEqual([]);
    expect(r.devices).toEqual([{ device_key: 'ata:smartctl-attachment.txt:1', class: 'ata', model: null, serial: null }]);
    expect(r.settings).toEqual(['smartctl protocol ATA']);
  });

  it('under the verdict of -H: the verdict stored', async () => {
    const r = await replay('attachment.txt', `SMART overall-health self-assessment test result: PASSED\n\n${TABLE}`);
    expect(r.unread).toEqual([]);
    expect(r.settings).toEqual(['smartctl health PASSED', 'smartctl protocol ATA']);
  });

  it('a node the text names is the drive', async () => {
    const r = await replay('attachment.txt', `/dev/sdb\n${TABLE}`);
    expect(r.devices).toEqual([{ device_key: 'ata:sdb', class: 'ata', model: null, serial: null }]);
  });
});
