/**
 * Saved sdparm and lsscsi outputs (replayed from a captured tree, never run), read by parsers that know each line those
 * tools print and name every other: real public outputs with their truth (fixtures/real/*.provenance.yaml).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseLsscsi } from '../../analyzer/classes/core/lsscsi.js';
import { parseSdparm } from '../../analyzer/classes/scsi/sdparm.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { savedLsscsiArgv } from '../../collector/classes/scsi/saved-lsscsi.js';
import { savedSdparmArgv } from '../../collector/classes/scsi/saved-sdparm.js';
import { savedSgInqArgv } from '../../collector/classes/scsi/saved-sg-inq.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';
import { REAL } from './real-samples.js';

interface Sample<T> {
  text: string;
  savedAs: string;
  truth: T;
}
function sample<T>(name: string): Sample<T> {
  const p = parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { saved_as: string; truth: T };
  return { text: readFileSync(`${REAL}${name}.txt`, 'utf8'), savedAs: p.saved_as, truth: p.truth };
}

interface SdparmTruth {
  node: string;
  vendor: string;
  product: string;
  revision: string;
  serial?: string;
  ata_model?: string;
  fields?: Record<string, number>;
  line_issues: number;
}
interface ListingTruth {
  hctl: string;
  type: string;
  vendor?: string;
  model?: string;
  rev?: string;
  transport?: string;
  node: string;
  sg?: string;
}

const replay = (files: Record<string, string>) => collected(treeOf(files));

async function collected(root: string) {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, root, only: ['scsi'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const q = (sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
  return {
    devices: q(`SELECT device_key, model, serial FROM devices WHERE class = 'scsi' ORDER BY device_key`),
    firmware: q(`SELECT device_key, version FROM firmware WHERE component = 'firmware' AND state = 'running' ORDER BY device_key`),
    settings: q(`SELECT device_key, namespace, key, mode, value FROM settings WHERE namespace IN ('sdparm', 'scsi', 'vpd') ORDER BY device_key, namespace, key, mode`),
    issues: q(`SELECT code, message FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'PARSE', 'UNREAD_LINE', 'LINE')`),
  };
}

const SDPARM = ['sdparm-long-wd-7500aak-usb-malformed', 'sdparm-i-wd10eads-sat-forum'];
const LISTINGS = ['lsscsi-g-pm80xx-wdc-linux-ide', 'lsscsi-generic-lto5-tapelib-readme', 'lsscsi-t-seagate-4006-sas-guidebook'];

describe('saved sdparm outputs', () => {
  it.each(SDPARM)('%s: its device line, serial and mode page fields as the truth says, no line unread', (name) => {
    const s = sample<SdparmTruth>(name);
    const r = parseSdparm(s.text);
    expect({ node: r.node, vendor: r.vendor, product: r.product, revision: r.revision }).toEqual({ node: `/dev/${s.truth.node}`, vendor: s.truth.vendor, product: s.truth.product, revision: s.truth.revision });
    expect(r.serial).toBe(s.truth.serial);
    expect(r.ataModel).toBe(s.truth.ata_model);
    expect(Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, v.current]))).toEqual(s.truth.fields ?? {});
    expect(r.issues).toHaveLength(s.truth.line_issues);
  });

  it('the default and saved values of `[cha: y, def:  1, sav:  1]` are kept beside the current one', () => {
    const r = parseSdparm(sample<SdparmTruth>('sdparm-long-wd-7500aak-usb-malformed').text);
    expect(r.fields['ie.DEXCPT']).toEqual({ current: 1, default: 1, saved: 1 });
  });

  it('a line sdparm does not print is named with its line number; the rest is read', () => {
    const r = parseSdparm(`${sample<SdparmTruth>('sdparm-long-wd-7500aak-usb-malformed').text}hello from the person who pasted it\n`);
    expect(r.issues.map((i) => i.line)).toEqual([24]);
    expect(r.fields['ca.WCE']?.current).toBe(1);
  });

  it('saved under the names a person gives: the node and read options; a --set is not read', () => {
    expect(savedSdparmArgv('cmd/sdparm/sdparm --long sdc.txt')).toEqual(['sdparm', '--long', '/dev/sdc']);
    expect(savedSdparmArgv('sdparm -i sdd.txt')).toEqual(['sdparm', '-i', '/dev/sdd']);
    expect(savedSdparmArgv('cmd/sdparm/sdparm -p di sg2.log')).toEqual(['sdparm', '-p', 'di', '/dev/sg2']);
    expect(savedSdparmArgv('cmd/sdparm/sdparm --set WCE sda.txt')).toBeUndefined();
  });

  it("sg3_utils' Windows name of a physical drive (PD8) is a node, for sdparm and sg_inq alike", () => {
    expect(savedSdparmArgv('cmd/sdparm/sdparm -i PD8.txt')).toEqual(['sdparm', '-i', '/dev/PD8']);
    expect(savedSgInqArgv('cmd/sg_inq/sg_inq pd8.txt')).toEqual(['sg_inq', '/dev/pd8']);
  });

  it('replayed from a tree: the drive at its node with its revision and fields; behind SAT, the model and serial the drive gives', async () => {
    const long = sample<SdparmTruth>('sdparm-long-wd-7500aak-usb-malformed');
    const sat = sample<SdparmTruth>('sdparm-i-wd10eads-sat-forum');
    const r = await replay({ [long.savedAs]: long.text, [sat.savedAs]: sat.text });
    expect(r.devices).toEqual([
      { device_key: 'scsi:sdc', model: '7500AAK External', serial: null },
      { device_key: 'scsi:sdd', model: 'WDC WD10EADS-65M2B0', serial: 'WD-WCAV53094176' },
    ]);
    expect(r.firmware).toEqual([{ device_key: 'scsi:sdc', version: '1.06' }, { device_key: 'scsi:sdd', version: '…01.0' }]);
    expect(r.settings).toContainEqual({ device_key: 'scsi:sdc', namespace: 'sdparm', key: 'ca.WCE', mode: 'current', value: '1' });
    expect(r.settings).toContainEqual({ device_key: 'scsi:sdc', namespace: 'sdparm', key: 'ie.DEXCPT', mode: 'permanent', value: '1' });
    expect(r.issues).toEqual([]);
  });
});

describe('saved lsscsi listings (-g, --generic, -t)', () => {
  it.each(LISTINGS)('%s: every line as the truth says', (name) => {
    const s = sample<ListingTruth[]>(name);
    const r = parseLsscsi(s.text);
    expect(r.issues).toEqual([]);
    expect(r.devices.map((d) => ({
      hctl: d.hctl, type: d.type, ...(d.transport ? { transport: d.transport } : { vendor: d.vendor, model: d.model, rev: d.rev }), node: d.node, ...(d.extra[0] ? { sg: d.extra[0] } : {}),
    }))).toEqual(s.truth);
  });

  it('lsscsi -t of thirteen SAS disks (lsscsi 0.23): the first and last as the truth says', () => {
    const s = sample<{ count: number; first: ListingTruth; last: ListingTruth }>('lsscsi-t-st4000nm0023-lsscsi023-blog');
    const r = parseLsscsi(s.text);
    expect(r.issues).toEqual([]);
    expect(r.devices).toHaveLength(s.truth.count);
    const pick = (d: (typeof r.devices)[number]) => ({ hctl: d.hctl, type: d.type, transport: d.transport, node: d.node });
    expect([pick(r.devices[0]!), pick(r.devices.at(-1)!)]).toEqual([s.truth.first, s.truth.last]);
  });

  it('a line a page collapsed is read by its words', () => {
    const r = parseLsscsi('[1:0:0:0] disk ATA WDC WD100EFAX-68 0A83 /dev/sda /dev/sg0\n');
    expect(r.issues).toEqual([]);
    expect(r.devices[0]).toMatchObject({ vendor: 'ATA', model: 'WDC WD100EFAX-68', rev: '0A83', node: '/dev/sda', extra: ['/dev/sg0'] });
  });

  it('saved under the names a person gives: listing options glued or apart, the tool glued to them', () => {
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi -g.txt')).toEqual(['lsscsi', '-g']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi-t.log')).toEqual(['lsscsi', '-t']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi -t -g.txt')).toEqual(['lsscsi', '-gt']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi.txt')).toEqual(['lsscsi']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi -L.txt')).toBeUndefined();
    // A person's own words glued by a dash are a label, as standing alone; glued option letters are options.
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi-output.txt')).toEqual(['lsscsi']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi-host1.log')).toEqual(['lsscsi']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi-g-host1.log')).toEqual(['lsscsi', '-g']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi-L.txt')).toBeUndefined();
    // A word of a label glued by a dash is no option though it is short (`core`); long options are their short forms.
    expect(savedLsscsiArgv('lsscsi-insights-core.txt')).toEqual(['lsscsi']);
    expect(savedLsscsiArgv('cmd/lsscsi/lsscsi --generic.txt')).toEqual(['lsscsi', '-g']);
    expect(savedLsscsiArgv('cmd/lsscsi/--transport.out')).toEqual(['lsscsi', '-t']);
    expect(savedLsscsiArgv('cmd/lsscsi/--long.out')).toBeUndefined();
  });

  // Untyped: a listing pasted alone (attachment.txt) is told by its lines; typed with a long option, read as its short form.
  it.each([
    ['lsscsi-insights-core', 'cmd/lsscsi/_.out'],
    ['lsscsi-g-pm80xx-wdc-linux-ide', 'cmd/lsscsi/-g.out'],
    ['lsscsi-t-seagate-4006-sas-guidebook', 'cmd/lsscsi/-t.out'],
    ['lsscsi-generic-lto5-tapelib-readme', 'cmd/lsscsi/-g.out'],
  ])('%s saved as attachment.txt is read as %s, its devices as under its saved name', async (name, artifact) => {
    const s = sample<unknown>(name);
    const dir = tempDir();
    const file = join(dir, 'attachment.txt');
    writeFileSync(file, s.text);
    const r = await collect({ output: join(dir, 'b.tar.gz'), root: file, isolation: 'inline' });
    expect(r.manifest.artifacts.map((a) => a.name)).toContain(artifact);
    const named = await replay({ [s.savedAs]: s.text });
    expect(named.devices.length).toBeGreaterThan(0);
    expect(await collected(file)).toEqual(named);
  });

  it('replayed from a tree: each device with its INQUIRY strings, and the transport -t gives', async () => {
    const g = sample<ListingTruth[]>('lsscsi-generic-lto5-tapelib-readme');
    const t = sample<ListingTruth[]>('lsscsi-t-seagate-4006-sas-guidebook');
    const r = await replay({ [g.savedAs]: g.text, [t.savedAs]: t.text });
    expect(r.devices.map((d) => d.device_key)).toEqual(['scsi:0:0:0:0', 'scsi:0:0:0:1', 'scsi:1:0:0:0', 'scsi:2:0:0:0', 'scsi:3:0:0:0', 'scsi:5:0:0:0', 'scsi:8:0:0:0', 'scsi:8:0:0:2', 'scsi:8:0:2:0', 'scsi:8:0:2:2']);
    expect(r.firmware).toContainEqual({ device_key: 'scsi:0:0:0:0', version: 'Z51U' });
    expect(r.settings).toContainEqual({ device_key: 'scsi:8:0:0:2', namespace: 'scsi', key: 'transport', mode: 'current', value: 'sas:0x500c0ff0afe43400' });
    expect(r.issues).toEqual([]);
  });
});
