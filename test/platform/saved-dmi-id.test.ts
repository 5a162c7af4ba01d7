/**
 * A paste of the DMI attribute files (`grep . /sys/class/dmi/id/*`, `head /sys/class/dmi/id/*`) saved in a tree that
 * `collect --root` reads gives the machine's DMI identity and BIOS version as the collected files would: the real
 * outputs of test/platform/fixtures/real/dmi-id (provenance beside each), under the names people give them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDmiIdPaste } from '../../analyzer/classes/platform/dmi-id-paste.js';
import { dmiIdPasteArgv, mayNameDmiId, namesDmi } from '../../collector/classes/platform/saved-dmi-id.js';
import { join } from 'node:path';
import { redactBundle } from '../../bundle/redact/redact-bundle.js';
import { REDACTION } from '../../collector/classes/index.js';
import { replayTree } from '../helpers/replay-tree.js';
import { tempDir } from '../helpers/tmp.js';
import { hexIdNeedles, searchBundle, stringNeedles } from '../redact/needles.js';

const REAL = new URL('./fixtures/real/dmi-id/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const textOf = (name: string): string => readFileSync(new URL(`${name}.txt`, REAL), 'utf8');
interface Truth { attributes: Record<string, string>; serial?: string; unread_lines: number }
const truthOf = (name: string): Truth => (parse(readFileSync(new URL(`${name}.provenance.yaml`, REAL), 'utf8')) as { truth: Truth }).truth;

async function dmiOf(files: Record<string, string>): Promise<{ dmi: Record<string, string>; bios?: string; serial?: string | null; lineIssues: number; unread: string[] }> {
  const r = await replayTree(files);
  try {
    const rows = r.db.prepare(`SELECT key, value FROM settings WHERE device_key = 'platform' AND namespace = 'dmi' AND key != 'bios_date_iso'`).all() as { key: string; value: string }[];
    const bios = (r.db.prepare(`SELECT version FROM firmware WHERE device_key = 'platform' AND component = 'bios'`).get() as { version: string } | undefined)?.version;
    const serial = (r.db.prepare(`SELECT serial FROM devices WHERE device_key = 'platform'`).get() as { serial: string | null } | undefined)?.serial;
    const lineIssues = (r.db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`).get() as { n: number }).n;
    const unread = (r.db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((a) => a.name);
    return { dmi: Object.fromEntries(rows.map((x) => [x.key, x.value])), ...(bios !== undefined ? { bios } : {}), serial, lineIssues, unread };
  } finally {
    r.db.close();
  }
}

describe('saved names and forms', () => {
  it('a name with the word dmi (not dmidecode); grep\'s and head\'s forms, quoted or not; nothing else', () => {
    for (const n of ['dmi.txt', 'dmi-id.log', 'sys_class_dmi_id.txt', 'srv01 dmi.out']) expect(mayNameDmiId(n), n).toBe(true);
    for (const n of ['dmidecode.txt', 'dmi.md', 'admin.txt']) expect(mayNameDmiId(n), n).toBe(false);
    expect(namesDmi('cmd/grep/grep . sys class dmi id.txt')).toBe(true);
    expect(namesDmi('cmd/grep/grep microcode cpuinfo.txt')).toBe(false);
    expect(dmiIdPasteArgv('/sys/class/dmi/id/bios_version:1.2\n')).toEqual(['grep', '.', '/sys/class/dmi/id/*']);
    expect(dmiIdPasteArgv('> ==> /sys/devices/virtual/dmi/id/bios_version <==\n> 1.2\n')).toEqual(['head', '/sys/class/dmi/id/*']);
    expect(dmiIdPasteArgv('bios_version: 1.2\n')).toBeUndefined();
  });

  it('a line that is no file and value is named with its number; an unreadable file is the tool\'s own line', () => {
    const got = parseDmiIdPaste('grep: /sys/class/dmi/id/board_serial: Permission denied\n/sys/class/dmi/id/bios_version:V1.14\nsee the attachment\n');
    expect([...got.values]).toEqual([['bios_version', 'V1.14']]);
    expect(got.issues.map((i) => i.line)).toEqual([3]);
  });
});

describe('a saved DMI paste read from a captured tree', () => {
  for (const name of samples) {
    it(`${name}: as dmi.txt, under cmd/grep or cmd/head, the attributes and BIOS version of its truth`, async () => {
      const truth = truthOf(name);
      const tool = textOf(name).includes('==> ') ? 'head' : 'grep';
      for (const saveAs of ['dmi.txt', 'sys_class_dmi_id.log', `cmd/${tool}/${tool}_dmi.txt`]) {
        const got = await dmiOf({ [saveAs]: textOf(name) });
        expect(got.dmi, saveAs).toEqual(truth.attributes);
        expect(got.bios, saveAs).toBe(truth.attributes.bios_version);
        if (truth.serial !== undefined) expect(got.serial, saveAs).toBe(truth.serial);
        expect(got.lineIssues, saveAs).toBe(truth.unread_lines);
        expect(got.unread, saveAs).toEqual([]);
      }
    });
  }

  it('a tree with the collected files reads those, not a paste beside them', async () => {
    const got = await dmiOf({ 'sys/class/dmi/id/bios_version': 'F.47\n', 'dmi.txt': textOf('hp-envy-x360-grep-after-other-command') });
    expect(got.bios).toBe('F.47');
  });

  it('redaction learns the serials and the UUID a root paste holds (head: the line under the file\'s header)', async () => {
    const r = await replayTree({ 'dmi.txt': textOf('dell-precision-7780-head-root') });
    r.db.close();
    const out = join(tempDir(), 'redacted.tar.gz');
    await redactBundle({ catalog: REDACTION, input: r.bundle, output: out });
    const hits = await searchBundle(out, [...stringNeedles('JNLHW44'), ...stringNeedles('VNCMV0046P029A'), ...hexIdNeedles('4c4c4544004e4c108048cac04f573434')]);
    expect(hits).toEqual([]);
  });
});
