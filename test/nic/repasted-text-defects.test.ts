import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { pastedText } from '../../analyzer/load/pasted-text.js';
import { cleanText, observeText } from '../../analyzer/parsers/text-input.js';

/**
 * Known defects of the text layer, each shown on a real output re-pasted as people paste it: the be2net ethtool -i of
 * an ESXi 5 host (test/nic/fixtures/real/ethtool-i/be2net-esxi5-fenced, a blog post's fenced block).
 */
const SAMPLE = new URL('./fixtures/real/ethtool-i/be2net-esxi5-fenced.txt', import.meta.url);
const OUTPUT = readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => /^\w[\w-]*: /.test(l));
const READ = { driver: 'be2net', version: '4.0.355.1', fwVersion: '4.0.1062.0', busInfo: '0000:08:00.1' };

function read(text: string): { values: Record<string, unknown>; unread: string[]; command: string | undefined } {
  const { value, seen } = observeText(() => parseEthtoolInfoText(text));
  pastedText(seen, value);
  const { driver, version, fwVersion, busInfo } = value;
  return { values: { driver, version, fwVersion, busInfo }, unread: value.issues.map((i) => i.text), command: cleanText(text).lines[0]?.command };
}

describe('the text layer on a real ethtool -i output re-pasted', () => {
  it('takes a fence written with a space before its language (``` shell) for a fence', () => {
    const r = read(`Here is what it prints:\n\n\`\`\` shell\n~ # ethtool -i vmnic2\n${OUTPUT.join('\n')}\n\`\`\`\n\nAny idea?\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
  });

  it('takes the rest of a wrapped sentence in lower case above the output for the person\'s words', () => {
    const r = read(`we see the following on\nthe second port\n~ # ethtool -i vmnic2\n${OUTPUT.join('\n')}\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
  });

  it('keeps the device of a command a mail client broke after its option (`ethtool -i` / `vmnic2`)', () => {
    const r = read(`~ # ethtool -i\nvmnic2\n${OUTPUT.join('\n')}\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
    expect(r.command).toBe('ethtool -i vmnic2');
  });

  it('decodes a quoted mail excerpt whose only quoted-printable mark is a soft break (`firmware-version: =`)', () => {
    const broken = OUTPUT.flatMap((l) => (l.startsWith('firmware-version: ') ? ['firmware-version: =', l.slice('firmware-version: '.length)] : [l]));
    const r = read(`${broken.map((l) => `> ${l}`).join('\n')}\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
  });
  it('takes a heading of one word over a command line (`Before` / `After`) for the person\'s, not a line of the output', () => {
    const r = read(`Before\n~ # ethtool -i vmnic2\n${OUTPUT.join('\n')}\n\nAfter\n~ # ethtool -i vmnic2\n${OUTPUT.join('\n')}\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
  });

  it('sets a whole uname -a line pasted without its command aside', () => {
    const uname = 'Linux esx-07 2.6.31-18-server #55-Ubuntu SMP Fri Jan 8 15:51:55 UTC 2010 x86_64 GNU/Linux';
    const r = read(`~ # ethtool -i vmnic2\n${OUTPUT.join('\n')}\n\n${uname}\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
  });

  it('reads a forum quote box marked on its first line only as the newer side of a diff (ethtool-i/atl1e-label-quote-mark-driver-and-version-glued)', () => {
    const post = readFileSync(new URL('./fixtures/real/ethtool-i/atl1e-label-quote-mark-driver-and-version-glued.txt', import.meta.url), 'utf8').trimEnd().split('\n');
    const at = post.findIndex((l) => l.startsWith('> driver:'));
    const body = post.map((l, k) => (k === at ? `-${l.replace('1.0.0.7', '2.0.0.7')}\n+${l}` : ` ${l}`));
    const { value } = observeText(() => parseEthtoolInfoText(`--- before.txt\n+++ after.txt\n@@ -1,${post.length} +1,${post.length} @@\n${body.join('\n')}\n`));
    expect({ driver: value.driver, version: value.version, fwVersion: value.fwVersion, busInfo: value.busInfo }).toEqual({ driver: 'ATL1E', version: '1.0.0.7-NAPI', fwVersion: 'L1e', busInfo: '0000:01:00.0' });
  });
  it('keeps a line whose colour reset follows its CR (`driver: be2net\\r\\x1b[0m`, a coloured session saved with CRLF)', () => {
    const r = read(`~ # ethtool -i vmnic2\r\n${OUTPUT.map((l) => `\x1b[1;32m${l}\r\x1b[0m`).join('\n')}\n`);
    expect(r.values).toEqual(READ);
    expect(r.unread).toEqual([]);
  });
});
