/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a tool's output: its line is the host's kernel, which the
 * load reads from any saved output (platform's embeddedUname), so the text layer sets it aside for every text parser
 * instead of each tool's parser leaving it as an unread line. Other lines under the command stay the parser's.
 */
import { describe, expect, it } from 'vitest';
import { parseDevlinkInfo } from '../../../analyzer/classes/nic/devlink.js';
import { parseMstflintQuery } from '../../../analyzer/classes/mlx5/mstflint-query.js';
import { parseIdCtrlText } from '../../../analyzer/classes/nvme/nvme-text.js';
import { embeddedUname, parseUname } from '../../../analyzer/classes/platform/uname.js';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

const UNAME_A = 'root@host:~# uname -a\nLinux host 5.15.0-60-generic #66~20.04.1-Ubuntu SMP Wed Jan 25 09:41:30 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n';
const UNAME_R = '$ uname -r\n4.18.0-372.9.1.el8.x86_64\n';
const PROC_VERSION = '# cat /proc/version\nLinux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n';

const DEVLINK = 'root@host:~# devlink dev info pci/0000:3b:00.0\npci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      fixed:\n        fw.psid MT_0000000008\n      running:\n        fw.version 16.35.2000\n';
const ID_CTRL = '# nvme id-ctrl /dev/nvme0\nNVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\n';
const FLINT_Q = '# mstflint -d 3b:00.0 q\nImage type:            FS4\nFW Version:            16.35.2000\nFW Release Date:       19.1.2023\nProduct Version:       16.35.2000\nPSID:                  MT_0000000008\n';

describe('a pasted uname line above another tool output', () => {
  it('is set aside by the text layer as the host kernel, with its command line; a third line under it is not', () => {
    const c = cleanText(`${UNAME_A}${DEVLINK}`);
    expect(c.lines.map((l) => l.no)).not.toContain(2);
    expect(c.noise.find((n) => n.no === 2)?.kind).toBe('kernel');
    expect(cleanText(`${UNAME_A}and then some words of a tool\nline two\n${DEVLINK}`).lines.map((l) => l.no)).toContain(2);
  });

  for (const [name, kernel] of [['uname -a', UNAME_A], ['uname -r', UNAME_R], ['cat /proc/version', PROC_VERSION]] as const) {
    it(`${name}: not an unread line of devlink dev info, nvme id-ctrl or mstflint q`, () => {
      expect(parseDevlinkInfo(`${kernel}${DEVLINK}`).issues).toEqual([]);
      expect(parseIdCtrlText(`${kernel}${ID_CTRL}`).issues).toEqual([]);
      expect(parseMstflintQuery(`${kernel}${FLINT_Q}`).issues).toEqual([]);
    });
  }

  it('is still read as the kernel by the uname parser and from another tool output', () => {
    expect(parseUname(UNAME_A).facts).toMatchObject({ release: '5.15.0-60-generic', hostname: 'host' });
    expect(parseUname(UNAME_R).facts).toMatchObject({ release: '4.18.0-372.9.1.el8.x86_64' });
    expect(embeddedUname(`${UNAME_A}${DEVLINK}`)).toMatchObject({ release: '5.15.0-60-generic' });
    expect(embeddedUname(`${PROC_VERSION}${ID_CTRL}`)).toMatchObject({ release: '6.1.0-18-amd64' });
  });
});
