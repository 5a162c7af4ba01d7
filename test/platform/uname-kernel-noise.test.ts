/**
 * The text layer sets a pasted kernel line aside (noise of kind `kernel`) for every other tool's parser; the uname
 * parser and the reader of the kernel other outputs show take it back from there.
 */
import { describe, expect, it } from 'vitest';
import { embeddedUname, parseUname } from '../../analyzer/classes/platform/uname.js';

const UNAME_A = 'root@host:~# uname -a\nLinux host 5.15.0-60-generic #66~20.04.1-Ubuntu SMP Wed Jan 25 09:41:30 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n';
const UNAME_R = '$ uname -r\n4.18.0-372.9.1.el8.x86_64\n';
const PROC_VERSION = '# cat /proc/version\nLinux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n';
const KERNELS = [['uname -a', UNAME_A], ['uname -r', UNAME_R], ['cat /proc/version', PROC_VERSION]] as const;

describe('kernel lines the text layer set aside', () => {
  it('are read by the uname parser and from another tool output', () => {
    expect(parseUname(UNAME_A).facts).toMatchObject({ release: '5.15.0-60-generic', hostname: 'host' });
    expect(parseUname(UNAME_R).facts).toMatchObject({ release: '4.18.0-372.9.1.el8.x86_64' });
    expect(embeddedUname(`${UNAME_A}$ devlink dev info\npci/0000:3b:00.0:\n  driver mlx5_core\n`)).toMatchObject({ release: '5.15.0-60-generic' });
    expect(embeddedUname(`${PROC_VERSION}# nvme id-ctrl /dev/nvme0\nsn : S4EWNX0R123456\n`)).toMatchObject({ release: '6.1.0-18-amd64' });
    expect(KERNELS).toHaveLength(3);
  });

  it('set aside from another tool\'s paste without its command (a lone `uname -a` line) are not taken for the host\'s kernel', () => {
    const lone = 'root@host:~# ethtool -i eth0\ndriver: jme\nversion: 1.0.5\n\nLinux host 2.6.31-18-server #55-Ubuntu SMP Fri Jan 8 15:51:55 UTC 2010 x86_64 GNU/Linux\n';
    expect(embeddedUname(lone)).toBeUndefined();
  });
});
