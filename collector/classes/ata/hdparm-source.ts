import { deviceInText, devPath, pastedPlain, savedNameWords } from '../../saved-output-name.js';
import { hdparmArgs } from './commands.js';
import { replayOnlySource } from './replay-only-source.js';
import { serialPrinted } from './smartctl-source.js';

/** A disk as a glued or plain name spells it: `sda`, `sdaa`, `hdb`; `dev-sda` and `dev_sda` are /dev/sda. */
const DISK_WORD = /^(?:\/?dev\/)?(?:sd[a-z]{1,3}|hd[a-z]|sr\d+|sg\d+)$/;

/**
 * `hdparm-I-sda` → `-I`, `/dev/sda`; `hdparm-IC-sdb` → `-IC`, `/dev/sdb`: identify options glued to the tool's name by
 * dashes, and one disk; a part of a person's own (`hdparm-output`, `hdparm-I-sda-before-update`) is a label, as a word of
 * its own is. Another option (`-S-120`: hdparm's options are letters, a number its value) leaves the name unread.
 */
function unglued(word: string): string[] {
  const m = /^hdparm-(.+)$/i.exec(word);
  if (!m) return [word];
  const parts = m[1]!.split('-').filter((p) => p !== '' && p !== 'dev');
  const disks = parts.filter((p) => DISK_WORD.test(p));
  const opts = parts.filter((p) => !DISK_WORD.test(p) && (/^[A-Za-z]{1,3}$/.test(p) || /^\d+$/.test(p)));
  if (opts.some((p) => !/^[IiC]+$/.test(p))) return [word];
  return [...opts.map((p) => `-${p}`), ...(disks.length === 1 ? [disks[0]!] : [])];
}

/**
 * What hdparm command a saved output's name stands for (`-I_sda.out`, `hdparm -I sdb.txt`, `hdparm-I-sdc.log`,
 * `sudo hdparm -I dev_sda.txt`): its identify options and one disk; without a disk in the name, the one its text names
 * (the pasted command line, hdparm's own `/dev/sdb:` heading). Several disks in one paste (`hdparm -I /dev/sd?`) name
 * none: the loader reads each disk's heading.
 */
export function savedHdparmArgv(treeName: string, text?: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap(unglued).filter((w) => w !== 'dev');
  if (words.some((w) => /^hdparm-/i.test(w))) return undefined;
  const opts = words.filter((w) => w.startsWith('-'));
  // Other words (`identify`, a host's name) are a person's label.
  const disks = words.filter((w) => DISK_WORD.test(w) || w.startsWith('/dev/'));
  if (disks.length > 1) return undefined;
  const disk = disks[0] !== undefined ? devPath(disks[0]) : text === undefined ? undefined : diskInText(text);
  const argv = ['hdparm', ...(opts.length ? opts : ['-I']), ...(disk ? [disk] : [])];
  return hdparmArgs(argv.slice(1)) ? argv : undefined;
}

/**
 * The one disk a pasted hdparm output names: its own `/dev/sdb:` heading, else the command line pasted above it. A
 * typed glob (`hdparm -I /dev/sd?`) or several headings name none.
 */
function diskInText(text: string): string | undefined {
  const head = pastedPlain(text.slice(0, 64 * 1024));
  const headings = new Set([...head.matchAll(/^\s*(\/dev\/[A-Za-z0-9]+):\s*$/gm)].map((m) => m[1]!));
  if (headings.size > 0) return headings.size === 1 ? [...headings][0] : undefined;
  if (/\/dev\/\S*[?*[]/.test(head)) return undefined;
  return deviceInText(head, /^\/dev\/[A-Za-z0-9]+$/);
}

/**
 * The serial an hdparm output prints (-I's `Serial Number:`, -i's `SerialNo=`), when it names one drive: two outputs
 * saved under one disk's name with different serials are two drives (two hosts' sda).
 */
export function hdparmSerialPrinted(text: string): string | undefined {
  const identify = serialPrinted(text);
  if (identify !== undefined) return identify;
  const serial = /\bSerialNo=[ \t]*([^,\r\n]*?)[ \t]*(?:,|$)/m.exec(pastedPlain(text.slice(0, 64 * 1024)))?.[1];
  return serial !== undefined && serialPrinted(`Serial Number: ${serial}`) !== undefined ? serial : undefined;
}

export const source = replayOnlySource({
  tool: 'hdparm',
  outputs: 'hdparm -I / -i outputs',
  names: "hdparm's identify options (-I, -i) and one disk (e.g. -I_sda.out)",
  argv: savedHdparmArgv,
  drive: hdparmSerialPrinted,
});
