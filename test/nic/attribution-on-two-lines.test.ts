/**
 * A reply's attribution a mail client wrote on two lines (`On Mon, 6 Jul 2020 08:34:50 +0200` / `Jiri Pirko
 * <jiri@resnulli.us> wrote:`, Claws Mail's form, in the real netdev thread quoting bnxt's devlink dev info -jp three deep):
 * its first line is the mail's, as the second is, not an unread line before any device handle.
 */
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';

const INFO = '$ devlink dev info pci/0000:af:00.0\npci/0000:af:00.0:\n  driver bnxt_en\n  serial_number 00-10-18-FF-FE-AD-1A-00\n  versions:\n      running:\n        fw 216.1.216.0\n';
const quote = (t: string, depth: string): string => t.split('\n').map((l) => (l === '' ? '' : `${depth}${l}`)).join('\n');

async function unread(text: string): Promise<string[]> {
  const { db } = await replaySaved('cmd/devlink/dev_info.out', text);
  try {
    return (db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[]).map((r) => r.message);
  } finally {
    db.close();
  }
}

describe('an attribution on two lines above a quoted output', () => {
  it.each([
    ['On Mon, 6 Jul 2020 08:34:50 +0200\nJiri Pirko <jiri@resnulli.us> wrote:\n\n', '> '],
    ['On Tue, Jan 12, 2021 at 10:11 AM Jane Roe\n<jroe@example.org> wrote:\n', '> '],
    ['> On Mon, 29 Jun 2020 13:13:04 +0530\n> Vasundhara Volam <vasundhara-v.volam@broadcom.com> wrote:\n', '> > '],
  ])('%j: no unread line', async (attribution, depth) => {
    expect(await unread(`${attribution}${quote(INFO, depth)}\nLooks fine to me.\n`)).toEqual([]);
  });

});
