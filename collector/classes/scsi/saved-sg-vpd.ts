import { devPath, savedNameWords, typedCommandWords } from '../../saved-output-name.js';
import { onePageArgs } from './sg3-args.js';

/**
 * A SCSI node as a saved name spells it: `sda`, `sg2`, `dev/sdb`, `/dev/sg3`, sg3_utils' Windows name of a physical
 * drive (`PD8`), an illumos/Solaris disk (`c2t4d0`, `rdsk/c2t4d0s0`), or an NVMe node sg3_utils answers through its
 * SCSI-to-NVMe translation (`nvme0n1`, `nvme0`, the generic `ng0n1`), as sg_inq's are.
 */
const NODE = /^(?:\/?dev\/)?(?:sd[a-z]{1,3}|sg\d+|st\d+|nst\d+|sr\d+|bsg\/.+|[Pp][Dd]\d+|nvme\d+(?:n\d+)?|ng\d+n\d+|(?:r?dsk\/)?c\d+t[0-9A-Fa-f]+d\d+(?:[sp]\d+)?|disk\/by-[a-z-]+\/[^/]+)$/;
/**
 * The pages whose text the sg_vpd reader knows, by number or sg_vpd's acronym: supported pages, unit serial number,
 * device identification, ATA information, block limits, block device characteristics, logical block provisioning.
 */
const PAGES = new Map([
  ['0x00', 'sv'], ['0x0', 'sv'], ['sv', 'sv'], ['0x80', 'sn'], ['80', 'sn'], ['sn', 'sn'], ['0x83', 'di'], ['83', 'di'], ['di', 'di'],
  ['0x89', 'ai'], ['89', 'ai'], ['ai', 'ai'], ['0xb0', 'bl'], ['bl', 'bl'], ['0xb1', 'bdc'], ['bdc', 'bdc'], ['0xb2', 'lbpv'], ['lbpv', 'lbpv'],
]);
/** Options that change nothing read: every page (`-a`), every page code from 0x80 on (`-E`), long and verbose forms, quiet. */
const FLAGS = /^(?:-a|--all|-E|--examine|-l|--long|-v+|--verbose|-q|--quiet|-[alv]{2,3})$/;

/** sg_vpd's arguments when they print text fwsnap reads: at most one of the pages read (or `-a`), those flags, one node. */
export const sgVpdArgs = (args: readonly string[]): boolean => onePageArgs(args, FLAGS, PAGES, NODE);

/**
 * What a saved `sg_vpd` output stands for (`sg_vpd -a sdc.txt`, `cmd/sg_vpd/-p_0x89_sdc.out`, `sg_vpd-p-ai-sg2.log`):
 * its flags, its page when it is one of those read, and one node. Words that are neither are a person's label; a name
 * with no node or two, a hex or raw dump (`-H`, `-r`), or a page not read, is not read.
 */
export function savedSgVpdArgv(treeName: string, text?: string): string[] | undefined {
  // `sg_vpd-p-0x89-sdc`: the tool's name glued to its words with dashes (its own `_` splits the name's words).
  const glued = (w: string): string[] => w.split('-').filter(Boolean).map((x) => (/^[pal]$/.test(x) ? `-${x}` : x));
  const words = savedNameWords(treeName).flatMap((w) => (/^(?:sg_)?vpd-./i.test(w) ? glued(w.replace(/^(?:sg_)?vpd-/i, '')) : [w]));
  // A name without the node (`sg_vpd.txt`, `cmd/sg_vpd/output.out`) stands for the command line pasted in its text.
  const typed = text === undefined || words.some((w) => NODE.test(w)) ? undefined : typedCommandWords(text, 'sg_vpd', NODE);
  if (typed && !words.some((w) => w.startsWith('-'))) words.push(...typed);
  else if (typed) words.push(...typed.filter((w) => NODE.test(w)));
  const nodes = words.filter((w) => NODE.test(w));
  if (nodes.length !== 1) return undefined;
  const opts = words.filter((w, i) => w.startsWith('-') || (PAGES.has(w.toLowerCase()) && /^(?:-p|--page)$/.test(words[i - 1] ?? '')));
  const argv = [...opts, devPath(nodes[0]!.replace(/^dev\//, ''))];
  return sgVpdArgs(argv) ? ['sg_vpd', ...argv] : undefined;
}
