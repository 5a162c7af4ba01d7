/**
 * `nvme list -o json` typed in a ticket, whole or through jq (`| jq '.Devices[0]'`, `| jq '.Devices[]'`, `| jq .`). Before,
 * no typed `nvme list` of any form was reached from a ticket (NOT_READ: the class's saved-name check knew only the
 * per-controller subcommands, so the tree reader did not show the list's part); and `jq .`, which prints every member,
 * was named an excerpt (PASTE-FILTERED). The outputs are every JSON list of the corpus (nvme-cli 1.x flat, 1.x -v, 2.x
 * nested), filtered as jq filters them: an excerpt gives exactly what the whole output gives of the entries it kept, and
 * nothing of the ones it removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outputFilter } from '../../collector/output-filter.js';
import { replayTree } from '../helpers/replay-tree.js';

const DIR = new URL('./fixtures/report-outputs/nvme-list/', import.meta.url);
/** The corpus's whole JSON lists (a cut one is not jq's input). */
const LISTS = readdirSync(DIR).filter((f) => f.endsWith('.json')).flatMap((f) => {
  try {
    const doc = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { Devices?: unknown[] };
    return Array.isArray(doc.Devices) && doc.Devices.length > 0 ? [{ name: f, doc: doc as { Devices: Record<string, unknown>[] } }] : [];
  } catch {
    return [];
  }
});
/** jq's own print of a value (two spaces a level). */
const jq = (v: unknown): string => JSON.stringify(v, null, 2);

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      firmware: all<{ f: string }>(`SELECT device_key || ' ' || version || ' ' || state AS f FROM firmware ORDER BY 1`).map((r) => r.f),
      devices: all<{ d: string }>(`SELECT device_key || ' ' || coalesce(model, '-') || ' ' || coalesce(serial, '-') AS d FROM devices ORDER BY 1`).map((r) => r.d),
      issues: all<{ code: string }>(`SELECT code FROM collection_issues ORDER BY 1`).map((i) => i.code),
    };
  } finally {
    db.close();
  }
}

describe('nvme list -o json typed in a ticket', () => {
  it('whole, it is read (was NOT_READ)', async () => {
    const { doc } = LISTS[0]!;
    const r = await read(`$ sudo nvme list -o json\n${jq(doc)}\n`);
    expect(r.issues).toEqual([]);
    expect(r.firmware.length).toBeGreaterThan(0);
  });

  it('its text form typed in a ticket is read too', async () => {
    const text = 'Node             SN                   Model                                    Namespace Usage                      Format           FW Rev\n---------------- -------------------- ---------------------------------------- --------- -------------------------- ---------------- --------\n/dev/nvme0n1     S4EWNX0R123456       Samsung SSD 970 EVO Plus 1TB             1         120.03  GB /   1.00  TB    512   B +  0 B   2B2QEXM7\n';
    const r = await read(`$ sudo nvme list\n${text}`);
    expect(r.issues).toEqual([]);
    expect(r.firmware).toEqual(['nvme:nvme0 2B2QEXM7 running']);
  });

  it.each(LISTS.map((l) => [l.name, l] as const))('%s: `jq .` is the whole output, no excerpt', async (_, { doc }) => {
    const whole = await read(`$ sudo nvme list -o json\n${jq(doc)}\n`);
    for (const filter of ['.', "'.'", '-r .', '-S "."', '']) {
      const r = await read(`$ sudo nvme list -o json | jq ${filter}\n${jq(doc)}\n`);
      expect(r).toEqual(whole);
    }
  });

  it.each(LISTS.map((l) => [l.name, l] as const))('%s: `jq .Devices[N]` gives what the whole output gives of that entry, and no more', async (_, { doc }) => {
    for (const [i, d] of doc.Devices.entries()) {
      const alone = await read(`$ sudo nvme list -o json\n${jq({ Devices: [d] })}\n`);
      const r = await read(`$ sudo nvme list -o json | jq '.Devices[${i}]'\n${jq(d)}\n`);
      expect(r.issues).toEqual(['PASTE-FILTERED']);
      expect({ firmware: r.firmware, devices: r.devices }).toEqual({ firmware: alone.firmware, devices: alone.devices });
    }
  });

  it.each(LISTS.map((l) => [l.name, l] as const))('%s: `jq .Devices[]` (one value after another) gives what the whole output gives', async (_, { doc }) => {
    const whole = await read(`$ sudo nvme list -o json\n${jq(doc)}\n`);
    const r = await read(`$ sudo nvme list -o json | jq '.Devices[]'\n${doc.Devices.map(jq).join('\n')}\n`);
    expect(r.issues).toEqual(['PASTE-FILTERED']);
    expect({ firmware: r.firmware, devices: r.devices }).toEqual({ firmware: whole.firmware, devices: whole.devices });
  });

  it('entries jq cut down keep what they kept: no model or serial for a `{DevicePath, Firmware}`, nothing placed without a DevicePath', async () => {
    const flat = LISTS.find((l) => typeof l.doc.Devices[0]!.DevicePath === 'string')!.doc.Devices;
    const kept = await read(`$ sudo nvme list -o json | jq '.Devices[] | {DevicePath, Firmware}'\n${flat.map((d) => jq({ DevicePath: d.DevicePath, Firmware: d.Firmware })).join('\n')}\n`);
    expect(kept.issues).toEqual(['PASTE-FILTERED']);
    expect(kept.devices.every((d) => d.endsWith(' - -'))).toBe(true);
    expect(kept.firmware.length).toBeGreaterThan(0);
    const placeless = await read(`$ sudo nvme list -o json | jq '.Devices[] | {ModelNumber, Firmware}'\n${flat.map((d) => jq({ ModelNumber: d.ModelNumber, Firmware: d.Firmware })).join('\n')}\n`);
    expect(placeless.firmware).toEqual([]);
    expect(placeless.issues.filter((c) => c !== 'PASTE-FILTERED' && c !== 'NOT_READ')).toEqual([]);
  });
});

describe('jq as a filter (collector/output-filter.ts)', () => {
  it.each(['jq .', "jq '.'", 'jq "."', 'jq -r .', 'jq -S .', 'jq -C .', 'jq --indent 4 .', 'jq --sort-keys .', 'jq', 'jq -M'])('`| %s` passes the whole document', (stage) => {
    expect(outputFilter(`nvme list -o json | ${stage}`)).toBeUndefined();
  });
  it.each(['jq .Devices', "jq '.Devices[0]'", 'jq -r .x', "jq 'del(.a)'", 'jq -s .', "jq '{a, b}'", 'jq . | head -5', 'jq -r . .x'])('`| %s` is an excerpt', (stage) => {
    expect(outputFilter(`nvme list -o json | ${stage}`)).toBeDefined();
  });
});
