/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a pasted `devlink dev info`: its line is the host's kernel, which the load reads
 * from any saved output, so the text layer sets it aside (test/analyzer/parsers/host-kernel-lines) and it is no unread line here.
 */
import { describe, expect, it } from 'vitest';
import { parseDevlinkInfo } from '../../analyzer/classes/nic/devlink.js';

const UNAME_A = 'root@host:~# uname -a\nLinux host 5.15.0-60-generic #66~20.04.1-Ubuntu SMP Wed Jan 25 09:41:30 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n';
const UNAME_R = '$ uname -r\n4.18.0-372.9.1.el8.x86_64\n';
const PROC_VERSION = '# cat /proc/version\nLinux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n';
const KERNELS = [['uname -a', UNAME_A], ['uname -r', UNAME_R], ['cat /proc/version', PROC_VERSION]] as const;
const DEVLINK = 'root@host:~# devlink dev info pci/0000:3b:00.0\npci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      fixed:\n        fw.psid MT_0000000008\n      running:\n        fw.version 16.35.2000\n';

describe('devlink dev info under a pasted uname', () => {
  for (const [name, kernel] of KERNELS) {
    it(`${name}: no unread line, the output read`, () => {
      const r = parseDevlinkInfo(`${kernel}${DEVLINK}`);
      expect(r.issues).toEqual([]);
      expect(JSON.stringify(r)).toContain('16.35.2000');
    });
  }
});
