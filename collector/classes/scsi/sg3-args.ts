/**
 * An sg3_utils command line that only prints what fwsnap reads: flags that change nothing read, at most one page of
 * those read (`-p 0x80`, `-p sn`, `--page=di`, `-psn`), and one SCSI node last.
 */
export function onePageArgs(args: readonly string[], flags: RegExp, pages: ReadonlyMap<string, string>, node: RegExp): boolean {
  let page = false;
  for (let i = 0; i < args.length - 1; i++) {
    const a = args[i]!;
    if (flags.test(a)) continue;
    const glued = /^--page=(.+)$/.exec(a)?.[1] ?? /^-p(.+)$/.exec(a)?.[1];
    if (glued !== undefined && pages.has(glued.toLowerCase()) && !page) page = true;
    else if ((a === '-p' || a === '--page') && pages.has((args[i + 1] ?? '').toLowerCase()) && !page && i + 1 < args.length - 1) {
      page = true;
      i++;
    } else return false;
  }
  return args.length > 0 && node.test(args[args.length - 1]!);
}
