/**
 * A text saved on Windows by PowerShell's `>` (UTF-16 LE with its byte-order mark; some editors write UTF-16 BE) and
 * given as a ticket's attachment: the commands typed in it and the output it holds are read as from the same text in
 * UTF-8. Before, analyze given such a file said 'compressed stream is corrupt' (it was not seen as text), and at the top
 * of a tree nothing in it was read. Real output: test/ata/fixtures/real/smartctl/advantech-sqf-s25m4-smartmontools99-noserial-cut
 * (its provenance file says where it was published).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTextFile } from '../../collector/one-file-tree.js';
import { replayTree } from '../helpers/replay-tree.js';
import { tempDir } from '../helpers/tmp.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/smartctl/advantech-sqf-s25m4-smartmontools99-noserial-cut.txt', import.meta.url), 'utf8');
const le = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const be = (s: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

async function drives(files: Record<string, Buffer | string>): Promise<unknown[]> {
  const { db } = await replayTree(files);
  try {
    return db.prepare(`SELECT f.device_key, f.version FROM firmware f ORDER BY f.device_key`).all();
  } finally {
    db.close();
  }
}

describe('a text saved as UTF-16 with its byte-order mark', () => {
  it('is a text, not a broken bundle', () => {
    const dir = tempDir();
    for (const [name, data] of [['le.txt', le(SAMPLE)], ['be.txt', be(SAMPLE)]] as const) {
      writeFileSync(join(dir, name), data);
      expect(isTextFile(join(dir, name)), name).toBe(true);
    }
  });

  it('untyped, its output is read as the UTF-8 text is', async () => {
    const utf8 = await drives({ 'attachment.txt': SAMPLE });
    expect(utf8).toEqual([{ device_key: 'ata:smartctl-attachment.txt:1', version: 'S9FMA028' }]);
    expect(await drives({ 'attachment.txt': le(SAMPLE) })).toEqual(utf8);
  });

  it('with a command typed in it, the command and its output are read (LE and BE)', async () => {
    const typed = `PS C:\\Users\\me> smartctl -x /dev/sda\n${SAMPLE.split('\n').slice(3).join('\n')}`;
    const utf8 = await drives({ 'ticket.txt': typed });
    expect(utf8).toEqual([{ device_key: 'ata:sda', version: 'S9FMA028' }]);
    expect(await drives({ 'ticket.txt': le(typed) })).toEqual(utf8);
    expect(await drives({ 'ticket.txt': be(typed) })).toEqual(utf8);
  });
});
