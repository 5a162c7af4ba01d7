import { devPath, savedNameWords, typedCommandWords } from '../../saved-output-name.js';

/** A SCSI node as a saved name spells it: `sda`, `sg2`, `st0`, `dev/sdb`, `/dev/sg3`, or sg3_utils' Windows name of a physical drive (`PD8`). */
const NODE = /^(?:\/?dev\/)?(?:sd[a-z]{1,3}|sg\d+|st\d+|nst\d+|sr\d+|[Pp][Dd]\d+|disk\/by-[a-z-]+\/[^/]+)$/;
/** The options that print what the sdparm reader reads: the mode pages (none, --all, -l), the INQUIRY VPD pages (-i, -p di/sn). */
const FLAGS = new Set(['-a', '--all', '-l', '--long', '-ll', '-i', '--inquiry', '-f', '--flexible', '-q', '--quiet']);
const PAGES = new Set(['di', 'sn', 'ca', 'rw', 'co', 'ie', 'po', 'dr', 'ai', 'sv']);

/** sdparm's arguments when they only read and print what fwsnap reads: those options, `-p <page>`, and one node. */
export function sdparmArgs(args: readonly string[]): boolean {
  if (args.length === 0 || !NODE.test(args[args.length - 1]!.replace(/^\/dev\//, ''))) return false;
  for (let i = 0; i < args.length - 1; i++) {
    const a = args[i]!;
    if (FLAGS.has(a)) continue;
    const glued = /^(?:--page=|-p)(.+)$/.exec(a)?.[1];
    if (glued !== undefined && PAGES.has(glued)) continue;
    if ((a === '-p' || a === '--page') && PAGES.has(args[i + 1] ?? '') && i + 1 < args.length - 1) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * What a saved sdparm output stands for (`cmd/sdparm/sda.out`, `sdparm --inquiry sdb.txt`, `sdparm -p di sg2.log`):
 * its read options and one node. Words that are neither are a person's label; a name with no node, or another option
 * (a `--set`, `--command`), is not read.
 */
export function savedSdparmArgv(treeName: string, text?: string): string[] | undefined {
  const words = savedNameWords(treeName);
  // A name without the node (`sdparm.txt`, `cmd/sdparm/output.out`) stands for the command line pasted in its text.
  const typed = text === undefined || words.some((w) => NODE.test(w)) ? undefined : typedCommandWords(text, 'sdparm', NODE);
  if (typed && !words.some((w) => w.startsWith('-'))) words.push(...typed);
  else if (typed) words.push(...typed.filter((w) => NODE.test(w)));
  const nodes = words.filter((w) => NODE.test(w));
  if (nodes.length !== 1) return undefined;
  const opts = words.filter((w, i) => w.startsWith('-') || (PAGES.has(w) && words[i - 1] === '-p'));
  const argv = [...opts, devPath(nodes[0]!.replace(/^\/?dev\//, ''))];
  return sdparmArgs(argv) ? ['sdparm', ...argv] : undefined;
}
