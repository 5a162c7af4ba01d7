/**
 * nvme-cli's JSON piped through jq (`nvme id-ctrl /dev/nvme0 -o json | jq '…'`, `nvme fw-log … -o json | jq '.nvme0'`),
 * pasted under its command line: jq kept some members and left the others out. What it kept is read; nothing is derived
 * from a member it removed (a power state's latencies and operational state, a controller's vid and mn, the afi). The
 * outputs are the corpus samples id-ctrl/qemu-lab-nvme-cli-2.3-json (the real nvme-cli 2.3 on QEMU's controller) and
 * fw-log/qemu-lab-nvme-cli-2.3-json, filtered as a person would with jq; no public jq-filtered paste was found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';
import { replayTree } from '../helpers/replay-tree.js';

const ID = JSON.parse(readFileSync(new URL('./fixtures/real/id-ctrl/qemu-lab-nvme-cli-2.3-json.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const FW = JSON.parse(readFileSync(new URL('./fixtures/real/fw-log/qemu-lab-nvme-cli-2.3-json.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;
/** jq's own print of a value (two spaces a level). */
const jq = (v: unknown): string => JSON.stringify(v, null, 2);
const pick = (o: Record<string, unknown>, keys: string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, o[k]]));

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      rows: all<{ f: string }>(`SELECT 'firmware ' || component || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || namespace || ' ' || key || ' ' || coalesce(value, 'NULL') FROM settings ORDER BY 1`).map((r) => r.f),
      issues: all<{ code: string }>(`SELECT code FROM collection_issues WHERE code NOT IN ('NOT_READ', 'PASTE-AROUND', 'PASTE-FILTERED')`).map((i) => i.code),
    };
  } finally {
    db.close();
  }
}

describe('nvme-cli JSON filtered by jq', () => {
  it('id-ctrl: power states whose members jq left out are not read (no zero latency, no operational state); the rest is', async () => {
    const psds = (ID.psds as Record<string, unknown>[]).map((p) => pick(p, ['max_power']));
    const r = await read(`$ sudo nvme id-ctrl /dev/nvme0 -o json | jq '{vid, sn, mn, fr, frmw, npss, psds: [.psds[] | {max_power}]}'\n${jq({ ...pick(ID, ['vid', 'sn', 'mn', 'fr', 'frmw', 'npss']), psds })}\n`);
    expect(r.rows.filter((x) => x.includes('power-state'))).toEqual([]);
    expect(r.rows).toContain('firmware firmware 7.2.22 running');
    expect(r.rows).toContain('setting nvme.id-ctrl power_states 1');
    expect(r.issues).toEqual([]);
  });

  it('id-ctrl: jq keeping whole power states, they are read', async () => {
    const r = await read(`$ sudo nvme id-ctrl /dev/nvme0 -o json | jq '{mn, psds}'\n${jq(pick(ID, ['mn', 'psds']))}\n`);
    expect(r.rows.filter((x) => x.includes('power-state')).length).toBeGreaterThan(0);
  });

  it('id-ctrl: jq keeping no vid or mn (`{fr, frmw}`) is read as far as it goes, not refused', async () => {
    const r = await read(`$ sudo nvme id-ctrl /dev/nvme0 -o json | jq '{fr, frmw}'\n${jq(pick(ID, ['fr', 'frmw']))}\n`);
    expect(r.rows).toEqual([
      'firmware firmware 7.2.22 running',
      'setting nvme.id-ctrl activation_without_reset 0',
      'setting nvme.id-ctrl firmware_slots 1',
      'setting nvme.id-ctrl frmw 3',
      'setting nvme.id-ctrl slot1_read_only 1',
    ]);
    expect(r.issues).toEqual([]);
  });

  it('fw-log: the device\'s object jq took out (`.nvme0`) is read', async () => {
    const body = Object.values(FW)[0]!;
    const r = await read(`$ sudo nvme fw-log /dev/nvme0 -o json | jq '.nvme0'\n${jq(body)}\n`);
    expect(r.rows).toEqual(expect.arrayContaining(['setting nvme.fw-log active_slot 1']));
    expect(r.rows.filter((x) => x.startsWith('firmware') && x.includes('slot-1')).length).toBe(1);
    expect(r.issues).toEqual([]);
  });

  it('fw-log: a slot jq kept without the afi gives the slot, no active or next slot', async () => {
    const body = Object.values(FW)[0]!;
    const slots = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('Firmware Rev Slot')));
    const r = await read(`$ sudo nvme fw-log /dev/nvme0 -o json | jq '.nvme0 | del(."Active Firmware Slot (afi)")'\n${jq(slots)}\n`);
    expect(r.rows.filter((x) => x.startsWith('setting nvme.fw-log'))).toEqual([]);
    expect(r.rows.filter((x) => x.startsWith('firmware') && x.includes('slot-1')).length).toBe(1);
    expect(r.issues).toEqual([]);
  });
});

describe('nvme list JSON filtered by jq (the parser; a paste of it in a ticket: list-json-jq-ticket.test.ts)', () => {
  /** nvme-cli 1.x flat Devices[] entries, as the corpus sample aws-ec2-instance-store-ebs-mozsearch-cli1-json holds them. */
  const LIST = JSON.parse(readFileSync(new URL('./fixtures/report-outputs/nvme-list/aws-ec2-instance-store-ebs-mozsearch-cli1-json.json', import.meta.url), 'utf8')) as { Devices: Record<string, unknown>[] };
  const entry = (d: Record<string, unknown>) => ({ node: d.DevicePath, controller: String(d.DevicePath).replace(/^\/dev\/(nvme\d+)n\d+$/, '$1'), serial: d.SerialNumber, model: d.ModelNumber, firmware: d.Firmware });

  it.each([
    ['.Devices[0]', (d: Record<string, unknown>[]) => d[0]!, (d: Record<string, unknown>[]) => [entry(d[0]!)]],
    ['[.Devices[] | {DevicePath, ModelNumber, SerialNumber, Firmware}]', (d: Record<string, unknown>[]) => d.map((x) => pick(x, ['DevicePath', 'ModelNumber', 'SerialNumber', 'Firmware'])), (d: Record<string, unknown>[]) => d.map(entry)],
  ])('jq %s: the device entries it took out of "Devices" are read', (filter, take, want) => {
    const p = parseNvmeList(`$ sudo nvme list -o json | jq '${filter}'\n${jq(take(LIST.Devices))}\n`);
    expect(p.entries).toEqual(want(LIST.Devices));
    expect(p.issues).toEqual([]);
  });
});
