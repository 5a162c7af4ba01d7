/** A host's kernel as a ticket pastes it above a tool's output: `uname -a`, `uname -r`, `cat /proc/version`, each under its command line. */
const UNAME_A = 'root@host:~# uname -a\nLinux host 5.15.0-60-generic #66~20.04.1-Ubuntu SMP Wed Jan 25 09:41:30 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n';
const UNAME_R = '$ uname -r\n4.18.0-372.9.1.el8.x86_64\n';
const PROC_VERSION = '# cat /proc/version\nLinux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n';

/** Each pasted kernel by the command that printed it. */
export const PASTED_KERNELS = [['uname -a', UNAME_A], ['uname -r', UNAME_R], ['cat /proc/version', PROC_VERSION]] as const;
