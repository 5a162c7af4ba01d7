/**
 * smartctl prints an NVMe controller's optional commands, log page attributes and namespace features as one line of
 * names under a `Name (0xNN):` key (`Optional Admin Commands (0x005f):   Security Format Frmw_DL NS_Mngmt Self_Test
 * MI_Snd/Rec`). A mail client or a page wraps that line at a word: the names after the break are the value's rest,
 * not a line the output left unread. The real sample is a linux-raid message quoting a PM9A3's `smartctl --xall` three
 * deep in quoted-printable (test/nvme/fixtures/real/smartctl/samsung-pm9a3-mzql23t8hcls-linux-raid-mail-qp-quoted-three-deep-smartctl72).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const MAIL = readFileSync(new URL('./fixtures/real/smartctl/samsung-pm9a3-mzql23t8hcls-linux-raid-mail-qp-quoted-three-deep-smartctl72.txt', import.meta.url), 'utf8');

async function read(text: string): Promise<{ unread: string[]; around: string[]; fields: Record<string, string | null> }> {
  const r = await replaySaved('cmd/smartctl/smartctl --xall nvme0n1p1.txt', text);
  const issues = (code: string): string[] =>
    (r.db.prepare(`SELECT message FROM collection_issues WHERE code = ?`).all(code) as { message: string }[]).map((x) => x.message);
  const rows = r.db.prepare(`SELECT key, value FROM settings WHERE namespace = 'smartctl'`).all() as { key: string; value: string | null }[];
  return { unread: issues('PARSE-LINE'), around: issues('PASTE-AROUND'), fields: Object.fromEntries(rows.map((x) => [x.key, x.value])) };
}

/** The same output as smartctl printed it: quotes and quoted-printable undone, the wrapped lines whole. */
const whole = MAIL.split('\n').map((l) => l.replace(/^> >> >( |$)/, '')).join('\n')
  .replace(/=\n/g, '').replace(/=3D/g, '=')
  .replace('NS_Mngmt\nSelf_Test', 'NS_Mngmt Self_Test').replace('Wr_Zero\nSav/Sel', 'Wr_Zero Sav/Sel');

describe('an NVMe flag list smartctl printed on one line, wrapped by a mail client', () => {
  it('is read whole, its rest no unread line (the real quoted-printable mail)', async () => {
    const { unread, fields } = await read(MAIL);
    expect(unread).toEqual([]);
    expect(fields).toMatchObject({ model: 'SAMSUNG MZQL23T8HCLS-00A07', serial: 'S64HNS0TC05245', frmw: '23', health: 'PASSED' });
  });

  it('reads as the unwrapped output does', async () => {
    const a = await read(MAIL);
    const b = await read(whole);
    expect(b.unread).toEqual([]);
    expect(a.fields).toEqual(b.fields);
  });

  it('a wrap at any word of such a list is joined (Log Page Attributes, Namespace Features)', async () => {
    const text = whole
      .replace('Cmd_Eff_Lg Ext_Get_Lg Telmtry_Lg', 'Cmd_Eff_Lg\nExt_Get_Lg Telmtry_Lg')
      .replace('NA_Fields No_ID_Reuse NP_Fields', 'NA_Fields No_ID_Reuse\nNP_Fields');
    expect((await read(text)).unread).toEqual([]);
  });

  it('a line of other words under a field that is no flag list, or after a blank line, is still not read', async () => {
    const under = whole.replace('Maximum Data Transfer Size:         512 Pages\n', 'Maximum Data Transfer Size:         512 Pages\nwrapped words here\n');
    expect((await read(under)).unread).toHaveLength(1);
    const afterBlank = whole.replace('NA_Fields No_ID_Reuse NP_Fields\n', 'NA_Fields No_ID_Reuse NP_Fields\n\nNP_Fields\n');
    expect((await read(afterBlank)).unread.length).toBeGreaterThan(0);
  });

  it("a person's words below the output are no part of its last list, even where a signature's name looks like a flag", async () => {
    // A real output whose information section ends on such a list (Log Page Attributes), a reply's words below it.
    const ending = readFileSync(new URL('./fixtures/real/smartctl/wd-sn740-sntjmicron-pre8-smt362.txt', import.meta.url), 'utf8');
    expect(ending.trimEnd().split('\n').at(-1)).toMatch(/^Log Page Attributes \(0x[0-9a-f]+\):/);
    const r = await read(`${ending.replace(/\n*$/, '\n')}\nAs you can see the firmware is old.\nRegards,\nJane\n`);
    expect(r.unread).toEqual([]);
  });

  it('a word a person typed right under the last list, no blank line between, is not the list\'s rest (Thanks, Cheers, Regards)', async () => {
    const ending = readFileSync(new URL('./fixtures/real/smartctl/wd-sn740-sntjmicron-pre8-smt362.txt', import.meta.url), 'utf8');
    const alone = await read(ending);
    for (const words of ['Thanks', 'Cheers', 'thanks in advance', 'Regards']) {
      const r = await read(`${ending.replace(/\n*$/, '\n')}${words}\n`);
      expect(r.fields, words).toEqual(alone.fields);
      expect(r.unread, words).toEqual([]);
      // Named as the person's words around the output, as they are after a blank line or with a '!'.
      expect(r.around, words).toEqual([expect.stringMatching(/^text around the output, 1 line, not read/)]);
    }
    // A real wrap of that list at a word is still joined, whichever names its rest holds.
    for (const rest of ['Pers_Ev_Lg', 'Telmtry_Lg Pers_Ev_Lg']) {
      const wrapped = ending.replace(new RegExp(` ${rest}\\n*$`), `\n${rest}\n`);
      expect(wrapped, rest).not.toEqual(ending);
      const r = await read(wrapped);
      expect(r.unread, rest).toEqual([]);
      expect(r.around, rest).toEqual([]);
      expect(r.fields, rest).toEqual(alone.fields);
    }
    const plain = await read(ending.replace(/ Timestmp Verify\n/, '\nTimestmp Verify\n'));
    expect(plain.fields).toEqual(alone.fields);
    expect(plain.unread).toEqual([]);
    expect(plain.around).toEqual([]);
  });
});
