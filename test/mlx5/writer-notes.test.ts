/**
 * Notes a writer put into a pasted output, and commands typed where the mst tools' own readers did not look: a PSID
 * followed by an arrow and words, an mst tool run over ssh in quotes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pastedCommandDevice } from '../../analyzer/classes/mlx5/loader.js';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('a note written after a flint field', () => {
  it('`PSID:  MT_0000000634  ← Must match certified PSID` is the PSID MT_0000000634', () => {
    const text = real('mstflint/cx6dx-fs4-server-prompt.txt')
      .replace(/^(PSID:\s+\S+)$/m, '$1  ← Must match certified PSID')
      .replace(/^(FW Version:\s+\S+)$/m, '$1  ← Check this');
    const q = parseMstflintQuery(text);
    expect(q.psid).toBe('MT_0000000359');
    expect(q.fwVersion).toBe('22.27.1016');
  });
});

describe('an mst tool command run over ssh, in quotes', () => {
  it('`ssh host "mstconfig -d 0000:18:00.0 q | grep NUM_OF_VFS"` names the device 0000:18:00.0', () => {
    expect(pastedCommandDevice(Buffer.from('ssh dgx030 "mstconfig -d 0000:18:00.0 q | grep NUM_OF_VFS"\n'))).toBe('0000:18:00.0');
    expect(pastedCommandDevice(Buffer.from("ssh node7 'flint -d 3b:00.0 q'\n"))).toBe('3b:00.0');
  });
  // A Markdown writer's marks inside the command line (the qemu-devel ConnectX-6 Dx report's command, marked as a page would).
  it('`flint -d 0000:0d:`00.0` q` and `-d **3b:00.0**` name the device without the marks', () => {
    expect(pastedCommandDevice(Buffer.from('#  flint -d 0000:0d:`00.0` q |grep Version\nFW Version:            22.44.1036\n'))).toBe('0000:0d:00.0');
    expect(pastedCommandDevice(Buffer.from('$ mstflint -d **3b:00.0** q\n'))).toBe('3b:00.0');
  });
});
