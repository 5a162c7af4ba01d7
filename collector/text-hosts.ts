import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { parallelShellHosts, type HostOutput } from './parallel-shell-hosts.js';
import { MAX_TYPED_TEXT } from './typed-commands.js';

/** The hosts of a text file that is a parallel shell's output of several hosts (collector/parallel-shell-hosts.ts), else undefined. */
export function textHosts(file: string): HostOutput[] | undefined {
  const size = statSync(file).size;
  if (size > MAX_TYPED_TEXT) return undefined;
  const fd = openSync(file, 'r');
  try {
    const data = Buffer.alloc(size);
    const n = readSync(fd, data, 0, data.length, 0);
    return parallelShellHosts(data.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

const listed = (hosts: readonly HostOutput[]): string => (hosts.length <= 8 ? hosts.map((h) => h.host).join(', ') : `${hosts.slice(0, 8).map((h) => h.host).join(', ')}, …`);

/** What a text of several hosts is: `a parallel shell's output of 2 hosts (node01, node02)`. */
export const hostsOutput = (hosts: readonly HostOutput[]): string => `a parallel shell's output of ${hosts.length} hosts (${listed(hosts)})`;

/** Why a text of several hosts makes no one bundle, and what reads it. */
export const severalHosts = (hosts: readonly HostOutput[]): string =>
  `${hostsOutput(hosts)}; a bundle is one host's: \`fwsnap analyze\` and \`fwsnap fleet\` read each host as its own bundle`;
