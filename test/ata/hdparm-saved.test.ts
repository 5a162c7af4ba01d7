import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseHdparm, parseHdparmDisks } from '../../analyzer/classes/ata/hdparm.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { savedHdparmArgv } from '../../collector/classes/ata/hdparm-source.js';
import { collect } from '../../collector/collect.js';
import { replayAllowed } from '../../collector/command-allowlist.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = new URL('./fixtures/report-outputs/hdparm/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, REAL), 'utf8');
const truth = (parse(read('intel-ssdsc2kw512g8.provenance.yaml')) as { truth: { model: string; serial: string; firmware: string; settings: Record<string, unknown> } }).truth;
const identify = read('intel-ssdsc2kw512g8-I.txt');

/** A tab as a terminal shows it and a web page or editor keeps it: spaces to the next multiple of 8. */
const expandTabs = (text: string): string => text.split('\n').map((l) => {
  let out = '';
  for (const c of l) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}).join('\n');

describe('hdparm outputs saved in a captured tree (cmd/hdparm/), as people name and paste them', () => {
  it.each([
    ['cmd/hdparm/-I_sda.out', ['hdparm', '-I', '/dev/sda']],
    ['cmd/hdparm/hdparm -I sdb.txt', ['hdparm', '-I', '/dev/sdb']],
    ['cmd/hdparm/sudo hdparm -I dev_sdc.txt', ['hdparm', '-I', '/dev/sdc']],
    ['cmd/hdparm/hdparm_-I_%2fdev%2fsdd.log', ['hdparm', '-I', '/dev/sdd']],
    ['cmd/hdparm/hdparm-I-sde.txt', ['hdparm', '-I', '/dev/sde']],
    ['cmd/hdparm/hdparm-IC-sdf.txt', ['hdparm', '-IC', '/dev/sdf']],
    ['cmd/hdparm/-i_sdg.out', ['hdparm', '-i', '/dev/sdg']],
    ['cmd/hdparm/hdparm-I.txt', ['hdparm', '-I']],
    // A person's own words glued by dashes are a label, as they are standing alone (`identify.txt`).
    ['cmd/hdparm/hdparm-I-sda-before-update.txt', ['hdparm', '-I', '/dev/sda']],
    ['cmd/hdparm/hdparm-output.txt', ['hdparm', '-I']],
    ['cmd/hdparm/hdparm-host1.log', ['hdparm', '-I']],
  ])('%s stands for %j', (name, argv) => {
    expect(savedHdparmArgv(name)).toEqual(argv);
  });

  it('an option that sets something, two disks or a label that is no option is not read as an identify output', () => {
    expect(savedHdparmArgv('cmd/hdparm/-W1_sda.out')).toBeUndefined();
    expect(savedHdparmArgv('cmd/hdparm/--security-erase_sda.out')).toBeUndefined();
    expect(savedHdparmArgv('cmd/hdparm/-I_sda_sdb.out')).toBeUndefined();
    expect(savedHdparmArgv('cmd/hdparm/hdparm-S-120-sda.txt')).toBeUndefined();
    expect(replayAllowed(['hdparm', '-I', '/dev/sda'])).toBe(true);
    expect(replayAllowed(['hdparm', '-S', '120', '/dev/sda'])).toBe(false);
    expect(replayAllowed(['hdparm', '--yes-i-know-what-i-am-doing', '/dev/sda'])).toBe(false);
  });

  it('takes the disk from the paste when the name gives none: its one heading, or the command line; a typed glob names none', () => {
    expect(savedHdparmArgv('cmd/hdparm/hdparm-I.txt', `$ sudo hdparm -I /dev/sdb\n${identify}`)).toEqual(['hdparm', '-I', '/dev/sdb']);
    expect(savedHdparmArgv('cmd/hdparm/identify.txt', `# hdparm -I /dev/sd?\n\n/dev/sda:\n${identify.replace('/dev/sdb:\n', '')}`)).toEqual(['hdparm', '-I', '/dev/sda']);
    expect(savedHdparmArgv('cmd/hdparm/identify.txt', `# hdparm -I /dev/sd?\n${identify.replace('/dev/sdb:\n', '')}`)).toEqual(['hdparm', '-I']);
  });

  it('-I indented by spaces (tabs expanded by a web page or an editor) reads as with tabs: identity and every IDENTIFY setting', () => {
    const id = parseHdparm(expandTabs(identify));
    expect({ model: id.model, serial: id.serial, firmware: id.firmware }).toEqual({ model: truth.model, serial: truth.serial, firmware: truth.firmware });
    expect(id.settings).toEqual(truth.settings);
    expect(id.issues).toEqual([]);
  });

  it('a paste of hdparm -C and -I of several disks: each disk by its heading, the prompt lines no issue', () => {
    const second = identify.replace('/dev/sdb:', '/dev/sdc:').replace('PHLA75210153512DGN', 'PHLA752101AB512DGN');
    const text = `# hdparm -C /dev/sd?\n\n/dev/sdb:\n drive state is:  active/idle\n\n# hdparm -I /dev/sd?\n${identify}${second}`;
    const disks = parseHdparmDisks(text).disks.filter((d) => d.model !== undefined);
    expect(disks.map((d) => [d.disk, d.serial])).toEqual([['/dev/sdb', 'PHLA75210153512DGN'], ['/dev/sdc', 'PHLA752101AB512DGN']]);
    expect(disks.flatMap((d) => d.issues)).toEqual([]);
  });

  it('collected from a tree and loaded: one ATA drive per disk, with model, serial and running firmware', async () => {
    const tmp = tempDir();
    const tree = join(tmp, 'tree');
    const files: Record<string, string> = {
      'cmd/hdparm/hdparm -I sdb.txt': `[tom@localhost ~]$ sudo hdparm -I /dev/sdb\n${expandTabs(identify)}`,
      'cmd/hdparm/hdparm-I.txt': `# hdparm -I /dev/sd?\n\n/dev/sdd:\n${identify.replace('/dev/sdb:\n', '').replace('PHLA75210153512DGN', 'PHLA752101CD512DGN')}`,
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, name)), { recursive: true });
      writeFileSync(join(tree, name), text);
    }
    const out = join(tmp, 'b.tar.gz');
    const { manifest } = await collect({ output: out, root: tree, only: ['ata'], isolation: 'inline' });
    expect(manifest.artifacts.filter((a) => a.origin.kind === 'cmd' && a.origin.stream === 'stdout').map((a) => a.replayedFrom).sort()).toEqual(Object.keys(files).sort());
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    const rows = db.prepare(`SELECT d.device_key AS key, d.model, d.serial, f.version FROM devices d JOIN firmware f ON f.device_key = d.device_key AND f.state = 'running' ORDER BY d.device_key`).all();
    expect(rows).toEqual([
      { key: 'ata:sdb', model: truth.model, serial: truth.serial, version: truth.firmware },
      { key: 'ata:sdd', model: truth.model, serial: 'PHLA752101CD512DGN', version: truth.firmware },
    ]);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all()).toEqual([]);
  });
});

describe('hdparm -I on a page that dropped its indentation', () => {
  // wiki.foxtom.de's Hdparm/Anwendung: a Hitachi HDS722020ALA330's hdparm -I with every line at the margin.
  const flat = readFileSync(new URL('./fixtures/real/hdparm/hitachi-hds722020ala330-foxwiki-flat-indentation.txt', import.meta.url), 'utf8');

  it('reads each heading\'s lines as its section: identity, features, sizes; no line left unread', () => {
    const id = parseHdparm(flat);
    expect({ model: id.model, serial: id.serial, firmware: id.firmware }).toEqual({ model: 'Hitachi HDS722020ALA330', serial: 'JK1160YAGMUVRT', firmware: 'JKAOA3MA' });
    expect(id.issues).toEqual([]);
    expect(id.settings).toMatchObject({ major_version: 8, lba48: true, sectors: 3907029168, queue_depth: null, smart_supported: true, smart_enabled: true, write_cache_supported: true, write_cache_enabled: false, read_look_ahead_enabled: true, fua: true, rotation_rate: 7200 });
  });

  it('a line at the margin before any heading is still a line hdparm does not print', () => {
    expect(parseHdparm(`a note\n${flat.replace(/^# hdparm.*\n/, '')}`).issues.map((i) => i.text)).toEqual(['a note']);
  });
});

describe('hdparm -I of a drive without NCQ', () => {
  // LKML 2001: an IBM DTTA-371440 (parallel ATA, legacy queued DMA only) under hdparm 4.x, which printed a queue depth
  // (word 75) on the Buffer size line although the drive has no Native Command Queueing.
  const pata = readFileSync(new URL('./fixtures/real/hdparm/ibm-dtta-371440-lkml-2001-hdparm4-heading.txt', import.meta.url), 'utf8');

  it('stores no queue depth and no NCQ, whatever depth hdparm printed', () => {
    const id = parseHdparm(pata);
    expect(id.settings).toMatchObject({ ncq: false, queue_depth: null });
    // The same drive on a newer hdparm, which prints the depth on its own line: still none without NCQ.
    expect(parseHdparm(pata.replace('Buffer size: 462.0kB    ECC bytes: 34   Queue depth: 32', 'Buffer size: 462.0kB\n        Queue depth: 32')).settings).toMatchObject({ ncq: false, queue_depth: null });
  });
});

describe('hdparm -I cut before its Commands/features or Security list', () => {
  // Real pastes that end at Capabilities or earlier (TrueNAS forum, a ZFS issue, a galax Redpill post): they say
  // nothing of NCQ, TRIM, the write cache or security, which must stay unknown, not be stored as absent.
  const realHdparm = (name: string): string => readFileSync(new URL(`./fixtures/real/hdparm/${name}`, import.meta.url), 'utf8');
  const FEATURE_KEYS = ['lba48', 'ncq', 'queue_depth', 'trim', 'hipm', 'dipm_supported', 'devsleep', 'sata_max_gen', 'write_cache_enabled', 'smart_enabled', 'fua', 'security.frozen', 'security.enabled'];

  it.each(['toshiba-mg09aca18te-truenas-masked-serial.txt', 'seagate-st2000dm001-zfs1468-no-heading.txt', 'galax-ta1d0480a-redpill23-spaces.txt'])('%s: identity and sizes, no feature or security setting', (name) => {
    const text = realHdparm(name);
    expect(text).not.toMatch(/^Commands\/features:|^Security:/m);
    const d = parseHdparm(text);
    expect(d.model).toBeTruthy();
    for (const k of FEATURE_KEYS) expect(d.settings, k).not.toHaveProperty([k]);
  });

  it('a whole output still stores each feature, present or absent, and its security state', () => {
    const s = parseHdparm(identify).settings;
    for (const k of FEATURE_KEYS.filter((k) => k !== 'queue_depth')) expect(s, k).toHaveProperty([k]);
    expect(s).toMatchObject({ ncq: truth.settings.ncq, trim: truth.settings.trim, 'security.frozen': truth.settings['security.frozen'] });
  });
});
