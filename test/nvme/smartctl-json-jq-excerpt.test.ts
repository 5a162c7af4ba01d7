/**
 * `smartctl -j -a /dev/nvme0` through jq, typed in a ticket above what jq printed. A path into a sub-object (`jq
 * .nvme_smart_health_information_log`) is an excerpt of that member, put back where smartctl printed it: the health log
 * is an NVMe drive's, read as the whole output's is, on the node the command names. Before, with no `device` member
 * to say the protocol, it was stored and nothing read. An object constructor (`jq '{model_name, firmware_version}'`)
 * gives the members it kept, on the NVMe controller of the node typed; `jq .` is the whole output, no excerpt. The outputs are every smartctl -j NVMe sample of
 * the corpus, filtered as jq filters them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const DIR = new URL('./fixtures/real/smartctl/', import.meta.url);
const SAMPLES = readdirSync(DIR).filter((f) => f.endsWith('.json')).flatMap((f) => {
  try {
    const doc = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Record<string, unknown>;
    return typeof doc.nvme_smart_health_information_log === 'object' ? [[f, doc] as const] : [];
  } catch {
    return [];
  }
});
const jq = (v: unknown): string => JSON.stringify(v, null, 2);
/** The node smartctl was run on, as the sample names it (its `device.name`), typed above the paste. */
const node = (doc: Record<string, unknown>): string => {
  const name = (doc.device as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^\/dev\/nvme\d+(?:n\d+)?$/.test(name) ? name : '/dev/nvme0';
};

async function read(ticket: string) {
  const { db } = await replayTree({ 'ticket.txt': ticket });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      // Of whichever device: the whole output's is the one it names itself (its device.name), the excerpt's the one typed.
      health: all<{ s: string }>(`SELECT key || ' ' || coalesce(value, 'NULL') AS s FROM settings WHERE namespace = 'nvme.smart' ORDER BY 1`).map((r) => r.s),
      firmware: all<{ f: string }>(`SELECT version AS f FROM firmware ORDER BY 1`).map((r) => r.f),
      devices: all<{ d: string }>(`SELECT device_key || ' ' || class || ' ' || coalesce(model, '-') || ' ' || coalesce(serial, '-') AS d FROM devices ORDER BY 1`).map((r) => r.d),
      issues: all<{ code: string }>(`SELECT code FROM collection_issues ORDER BY 1`).map((i) => i.code),
    };
  } finally {
    db.close();
  }
}

describe('smartctl -j of an NVMe drive through jq', () => {
  it('the corpus holds such samples', () => expect(SAMPLES.length).toBeGreaterThan(5));

  it.each(SAMPLES)('%s: `jq .nvme_smart_health_information_log` gives the whole output\'s health log, on the node typed, and no model, serial or firmware', async (_, doc) => {
    const whole = await read(`$ sudo smartctl -j -a ${node(doc)}\n${jq(doc)}\n`);
    const r = await read(`$ sudo smartctl -j -a ${node(doc)} | jq .nvme_smart_health_information_log\n${jq(doc.nvme_smart_health_information_log)}\n`);
    expect(r.issues).toEqual(['PASTE-FILTERED']);
    expect(r.health.length).toBeGreaterThan(0);
    expect(r.health).toEqual(whole.health);
    expect(r.firmware).toEqual([]);
    expect(r.devices).toEqual([`nvme:${node(doc).replace(/^\/dev\/(nvme\d+).*$/, '$1')} nvme - -`]);
  });

  it.each(SAMPLES)('%s: `jq \'{model_name, serial_number, firmware_version}\'` gives the firmware the whole output gives, no health log', async (_, doc) => {
    const whole = await read(`$ sudo smartctl -j -a ${node(doc)}\n${jq(doc)}\n`);
    const kept = Object.fromEntries(['model_name', 'serial_number', 'firmware_version'].filter((k) => k in doc).map((k) => [k, doc[k]]));
    const r = await read(`$ sudo smartctl -j -a ${node(doc)} | jq '{model_name, serial_number, firmware_version}'\n${jq(kept)}\n`);
    expect(r.issues).toEqual(['PASTE-FILTERED']);
    expect(r.firmware).toEqual(whole.firmware);
    expect(r.health).toEqual([]);
    // No member says the protocol, but the node typed is an NVMe controller's: the drive is of class nvme, not a bare block device.
    expect(r.devices.map((d) => d.split(' ').slice(0, 2).join(' '))).toEqual([`nvme:${node(doc).replace(/^\/dev\/(nvme\d+).*$/, '$1')} nvme`]);
  });

  it.each(SAMPLES)('%s: `jq .` is the whole output', async (_, doc) => {
    const whole = await read(`$ sudo smartctl -j -a ${node(doc)}\n${jq(doc)}\n`);
    expect(await read(`$ sudo smartctl -j -a ${node(doc)} | jq .\n${jq(doc)}\n`)).toEqual(whole);
  });
});
