import { devPath, savedNameWords, typedCommandWords } from '../../saved-output-name.js';
import { onePageArgs } from './sg3-args.js';

/**
 * A SCSI node as a saved name spells it: `sda`, `sg2`, `st0`, `dev/sdb`, `/dev/sg3`, or sg3_utils' Windows name of a physical
 * drive (`PD8`); or an NVMe node (`nvme0n1`, `nvme0`), for which sg_inq 1.43 on prints the controller's Identify summary;
 * or a link udev makes to a disk (`/dev/disk/by-id/wwn-0x5000…`), which sg_inq opens as it opens the node.
 */
const NODE = /^(?:\/?dev\/)?(?:sd[a-z]{1,3}|sg\d+|st\d+|nst\d+|sr\d+|bsg\/.+|[Pp][Dd]\d+|nvme\d+(?:n\d+)?|disk\/by-[a-z-]+\/[^/]+)$/;
/** The pages read: the standard INQUIRY, and VPD pages 0x80 (unit serial number), 0x83 (device identification), 0x89 (ATA information). */
const PAGES = new Map([['0x80', '0x80'], ['0x83', '0x83'], ['0x89', '0x89'], ['80', '0x80'], ['83', '0x83'], ['89', '0x89'], ['sn', '0x80'], ['di', '0x83'], ['ai', '0x89']]);

/**
 * sg_inq's verbose flags (`-v`, `-vv`, `--verbose`): they add its trace of the commands sent, and change nothing read;
 * and its JSON output (`-j`, `--json`, with JSON options `-j=o`, `--json=h`; sg3_utils 1.48 on), read as JSON.
 */
const FLAGS = /^(?:-v+|--verbose|-j(?:=[a-z0-9=]*)?|--json(?:=[a-z0-9=]*)?)$/i;

/**
 * sg_inq's arguments when they print what fwsnap reads: at most one page of those read (`-p 0x80`, `--page=sn`), verbose
 * and JSON flags, one node.
 */
export const sgInqArgs = (args: readonly string[]): boolean => onePageArgs(args, FLAGS, PAGES, NODE);

/**
 * What a saved `sg_inq` output stands for (`cmd/sg_inq/_dev_sda.out`, `sg_inq sda.txt`, `sg_inq -p 0x80 sdb.txt`,
 * `sg_inq-p-0x83-sg2.log`): its page option when it is one of those read, and one node. Words that are neither are a
 * person's label; a name with no node, or another option, is not read.
 */
export function savedSgInqArgv(treeName: string, text?: string): string[] | undefined {
  const words = savedNameWords(treeName).flatMap((w, i) => (i === 0 && /^sg_inq-/i.test(w) ? w.slice('sg_inq-'.length).split('-').filter(Boolean).map((x) => (x === 'p' ? '-p' : x)) : [w]));
  // A name without the node (`sg_inq.txt`, `cmd/sg_inq/output.out`) stands for the command line pasted in its text.
  const typed = text === undefined || words.some((w) => NODE.test(w)) ? undefined : typedCommandWords(text, 'sg_inq', NODE);
  if (typed && !words.some((w) => w.startsWith('-'))) words.push(...typed);
  else if (typed) words.push(...typed.filter((w) => NODE.test(w)));
  const nodes = words.filter((w) => NODE.test(w));
  if (nodes.length !== 1) return undefined;
  const opts = words.filter((w) => w.startsWith('-') || PAGES.has(w.toLowerCase()));
  const argv = [...opts, devPath(nodes[0]!.replace(/^dev\//, ''))];
  return sgInqArgs(argv) ? ['sg_inq', ...argv] : undefined;
}
