/**
 * A dmidecode output a person saved (a ticket's attachment, a forum paste) in a tree that `collect --root` reads: the
 * real outputs of test/platform/fixtures/real/dmidecode (provenance beside each), under the names people give them and
 * in pasted forms, give the machine's DMI identity and BIOS version as sysfs would, the truth their provenance records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DMI_ATTRIBUTES } from '../../analyzer/classes/platform/dmi.js';
import { savedDmidecodeArgv } from '../../collector/classes/platform/saved-dmidecode.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/dmidecode/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const textOf = (name: string): string => readFileSync(new URL(`${name}.txt`, REAL), 'utf8');
/** The attributes of a sample's truth the platform class keeps as settings (serials and UUIDs are no settings). */
const truthOf = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries((parse(readFileSync(new URL(`${name}.provenance.yaml`, REAL), 'utf8')) as { truth: { attributes: Record<string, string> } }).truth.attributes)
    .filter(([k]) => (DMI_ATTRIBUTES as readonly string[]).includes(k)));

/** The platform's DMI settings and BIOS firmware row in the database of a replayed tree. */
async function dmiOf(files: Record<string, string>): Promise<{ dmi: Record<string, string>; bios: string | undefined; issues: string[]; unread: string[] }> {
  const r = await replayTree(files);
  try {
    const rows = r.db.prepare(`SELECT key, value FROM settings WHERE device_key = 'platform' AND namespace = 'dmi' AND key != 'bios_date_iso'`).all() as { key: string; value: string }[];
    const bios = (r.db.prepare(`SELECT version FROM firmware WHERE device_key = 'platform' AND component = 'bios'`).get() as { version: string } | undefined)?.version;
    const issues = (r.db.prepare(`SELECT code FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'NOT_READ', 'PARSE-LINE')`).all() as { code: string }[]).map((i) => i.code);
    const unread = (r.db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((a) => a.name);
    return { dmi: Object.fromEntries(rows.map((x) => [x.key, x.value])), bios, issues, unread };
  } finally {
    r.db.close();
  }
}

describe('saved dmidecode names', () => {
  it('the whole table, labelled or not; -t with the structures the class reads; nothing else', () => {
    for (const n of ['cmd/dmidecode/dmidecode.txt', 'cmd/dmidecode/_.out', 'cmd/dmidecode/dmidecode-r440.txt', 'cmd/dmidecode/sudo dmidecode.log', 'cmd/dmidecode/dmidecode output.txt']) expect(savedDmidecodeArgv(n), n).toEqual(['dmidecode']);
    expect(savedDmidecodeArgv('cmd/dmidecode/dmidecode -t bios.txt')).toEqual(['dmidecode', '-t', 'bios']);
    expect(savedDmidecodeArgv('cmd/dmidecode/dmidecode-t-system.txt')).toEqual(['dmidecode', '-t', 'system']);
    expect(savedDmidecodeArgv('cmd/dmidecode/-t_0_-t_1.out')).toEqual(['dmidecode', '-t', '0', '-t', '1']);
    expect(savedDmidecodeArgv('cmd/dmidecode/--type_bios,baseboard.out')).toEqual(['dmidecode', '-t', 'bios,baseboard']);
    // -q changes how the structures are printed, not which; a type list is read for the types in it the class reads.
    expect(savedDmidecodeArgv('cmd/dmidecode/dmidecode -t bios -q.txt')).toEqual(['dmidecode', '-t', 'bios']);
    expect(savedDmidecodeArgv('cmd/dmidecode/sudo dmidecode -q.txt')).toEqual(['dmidecode']);
    expect(savedDmidecodeArgv('cmd/dmidecode/dmidecode -t 0,1,2,4,7.txt')).toEqual(['dmidecode', '-t', '0,1,2,4,7']);
    expect(savedDmidecodeArgv('cmd/dmidecode/-t_bios_-t_processor.out')).toEqual(['dmidecode', '-t', 'bios', '-t', 'processor']);
    // The firmware inventory (type 45) has no keyword: its number.
    expect(savedDmidecodeArgv('cmd/dmidecode/dmidecode -t 45.txt')).toEqual(['dmidecode', '-t', '45']);
    for (const n of ['cmd/dmidecode/-t_memory.out', 'cmd/dmidecode/dmidecode -t 17.txt', 'cmd/dmidecode/-t_4,7.out', 'cmd/dmidecode/-t_bios,foo.out', 'cmd/dmidecode/-s_bios-version.out', 'cmd/dmidecode/--dump-bin.out']) {
      expect(savedDmidecodeArgv(n), n).toBeUndefined();
    }
  });
});

describe('a saved dmidecode output read from a captured tree', () => {
  for (const name of samples) {
    it(`${name}: under cmd/dmidecode/ and loose at the top of the tree, the attributes and BIOS version of its truth`, async () => {
      const truth = truthOf(name);
      for (const saveAs of ['cmd/dmidecode/dmidecode.txt', 'dmidecode.txt']) {
        const got = await dmiOf({ [saveAs]: textOf(name) });
        expect(got.dmi, saveAs).toEqual(truth);
        expect(got.bios, saveAs).toBe(truth.bios_version);
        expect(got.issues.concat(got.unread), saveAs).toEqual([]);
      }
    });
  }

  it('pasted: a prompt above, tabs turned into spaces, the whole output indented, CRLF line ends', async () => {
    const name = 'poweredge-r440-3.6';
    const forms = {
      prompt: `[root@r440 ~]# dmidecode\n${textOf(name)}[root@r440 ~]# \n`,
      spaces: textOf(name).replace(/\t/g, '    '),
      indented: textOf(name).replace(/^/gm, '    '),
      crlf: textOf(name).replace(/\n/g, '\r\n'),
      fenced: `Here is the output:\n\n\`\`\`\n$ sudo dmidecode\n${textOf(name)}\`\`\`\n`,
    };
    for (const [form, text] of Object.entries(forms)) {
      const got = await dmiOf({ 'sudo dmidecode.txt': text });
      expect(got.dmi, form).toEqual(truthOf(name));
    }
  });

  it('the machine is named by the board where the vendor left the system strings as placeholders (To Be Filled By O.E.M.)', async () => {
    const modelOf = async (name: string): Promise<unknown> => {
      const r = await replayTree({ 'dmidecode.txt': textOf(name) });
      try {
        return (r.db.prepare(`SELECT model FROM devices WHERE device_key = 'platform'`).get() as { model: string }).model;
      } finally {
        r.db.close();
      }
    };
    expect(await modelOf('asrockrack-genoad12m3-hashed-line')).toBe('ASRockRack GENOAD12M3-2Q/H');
    expect(await modelOf('asus-p12r-e-additional-info')).toBe('ASUSTeK COMPUTER INC. P12R-E Series');
    expect(await modelOf('poweredge-r440-3.6')).toBe('Dell Inc. PowerEdge R440');
  });

  it('only the BIOS and system structures (-t bios, -t system): each attribute from the output that has it', async () => {
    const text = textOf('proliant-dl380-gen10-3.6');
    const structures = text.split(/\n(?=Handle 0x)/);
    const ofType = (t: number): string => structures.filter((s) => new RegExp(`^Handle 0x[0-9A-F]{4}, DMI type ${t},`).test(s)).map((s) => `${s.trimEnd()}\n\n`).join('');
    const got = await dmiOf({ 'cmd/dmidecode/dmidecode -t bios.txt': `# dmidecode 3.6\n${ofType(0)}`, 'cmd/dmidecode/dmidecode -t system.txt': `# dmidecode 3.6\n${ofType(1)}` });
    const truth = truthOf('proliant-dl380-gen10-3.6');
    const expected = Object.fromEntries(Object.entries(truth).filter(([k]) => k.startsWith('bios_') || k.startsWith('product_') || k === 'sys_vendor' || k === 'ec_firmware_release'));
    expect(got.dmi).toEqual(expected);
    expect(got.bios).toBe(truth.bios_version);
  });

  it('a dmidecode option the class does not read is named as such, and the file kept', async () => {
    const got = await dmiOf({ 'cmd/dmidecode/dmidecode -t memory.txt': textOf('rhev-kvm-3.0') });
    expect(got.dmi).toEqual({});
    expect(got.issues).toContain('UNKNOWN_NAME');
    expect(got.unread).toEqual(['unread/cmd/dmidecode/dmidecode%20-t%20memory.txt']);
  });
});
