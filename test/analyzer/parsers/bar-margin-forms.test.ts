import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

/**
 * A cover letter's sample outputs behind a `| ` bar in the margin, travelling on as any paste does: logged line by
 * line, its spaces turned into tabs, an elision or a chat header between its lines. The bar is the writer's margin
 * wherever it stands; the output under it reads as without it.
 */
const texts = (raw: string): string[] => cleanText(raw).lines.map((l) => l.text);

const INFO = ['$ devlink dev info', 'usb/1-9:1.1:', '  serial_number 0108954', '  versions:', '      fixed:', '        board.rev B012/000', '      running:', '        fw 04.00.01'];
const READ = ['usb/1-9:1.1:', '  serial_number 0108954', '  versions:', '      fixed:', '        board.rev B012/000', '      running:', '        fw 04.00.01'];
const barred = (ls: string[]): string[] => ls.map((l) => `| ${l}`);

describe("a cover letter's `| ` margin bar", () => {
  it('comes off behind a log prefix on every line (syslog, a CI time, ts, kubectl --prefix)', () => {
    const logged = [
      (l: string, i: number) => `Dec  1 10:00:0${i} host devlink[4242]: ${l}`,
      (l: string, i: number) => `2026-12-01T10:00:0${i}.123456${i}Z ${l}`,
      (l: string, i: number) => `Dec 01 10:00:0${i} ${l}`,
      (l: string) => `[pod/fwsnap-7d9f4/collector] ${l}`,
    ];
    for (const log of logged) expect(texts(barred(INFO).map(log).join('\n')), log('', 0)).toEqual(READ);
  });

  it('comes off where its space became a tab with the indentation after it (tab stops counted with the bar in place)', () => {
    const tabbed = barred(INFO).map((l) => l.replace(/^\| {7}/, '|\t').replace(/^\| {6}/, '|\t'));
    expect(tabbed.some((l) => l.startsWith('|\t'))).toBe(true);
    expect(texts(tabbed.join('\n'))).toEqual(READ);
  });

  it('comes off a lone barred line of a text whose outputs are barred: one an elision or a chat header parts from the rest', () => {
    const port = ['$ devlink port show can0', 'usb/1-9:1.1/0: type eth netdev can0 flavour physical port 0 splittable false'];
    const chat = [...barred(INFO), '', `| ${port[0]}`, 'Jane Roe  10:43 AM', `| ${port[1]}`];
    expect(texts(chat.join('\n')).at(-1)).toBe(port[1]);
    const elided = [...barred(INFO.slice(0, 4)), '(...)', ...barred(INFO.slice(4, 7)), '...', `| ${INFO[7]}`];
    expect(texts(elided.join('\n'))).toEqual(READ);
  });

  it('stays on a line of its own that no barred run is beside (a pipe continued on the next line)', () => {
    expect(texts('driver: ice\n| grep fw\n')).toEqual(['driver: ice', '| grep fw']);
  });
});

describe('a quoted-printable soft break whose continuation is an empty line, logged under a line prefix', () => {
  it('joins the break to nothing: the empty line carries the prefix, no part of the value', () => {
    const body = ['driver: st_gmac', 'version: 6.18.22', 'firmware-version: =', '', 'expansion-rom-version: =', '', 'bus-info: 30bf0000.ethernet'];
    const read = ['driver: st_gmac', 'version: 6.18.22', 'firmware-version: ', 'expansion-rom-version: ', 'bus-info: 30bf0000.ethernet'];
    const logged = [
      (l: string, i: number) => `Dec  1 10:00:0${i} host ethtool[4242]: ${l}`,
      (l: string, i: number) => `2026-12-01T10:00:0${i}.123456${i}Z ${l}`,
      (l: string) => `[pod/fwsnap-7d9f4/collector] ${l}`,
    ];
    for (const log of logged) expect(texts(body.map(log).join('\n')).map((l) => l.trimEnd()), log('', 0)).toEqual(read.map((l) => l.trimEnd()));
  });
});
