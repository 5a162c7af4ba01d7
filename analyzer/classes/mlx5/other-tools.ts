import type { LineIssue, TextLine } from '../../parsers/text-input.js';

/**
 * Tools whose output a session may show beside an mst tool's (lspci, ethtool, mst status, another mst tool): their
 * program's name first, after a `sudo`. A line the text layer places under such a command is that tool's output, never a
 * line of the mst tool's own; a reader takes out its own tool's names.
 */
export const OTHER_TOOL =
  /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?(?:lspci|lshw|ethtool|devlink|ip|ibstat|ibstatus|ibv_devinfo|ibdev2netdev|mst|mstflint|flint|flint_ext|mstconfig|mlxconfig|mlxfwmanager|mstfwmanager|mlxup|mlxlink|mstlink|mlxfwreset|mstfwreset|ofed_info|uname|lsmod|modinfo)(?:\.exe)?(?:\s|$)/;

/**
 * `mst status` (`-v`, `-vv`; behind `sudo`, typed twice when a person's command already held it), its output perhaps sent to a file (`> /tmp/out.txt 2>&1`, `| tee status.txt`): its lines
 * are read for the PCI function of each mst node (mst-places.ts), not reported as unread.
 */
export const MST_STATUS_COMMAND = /^(?:sudo\s+(?:-\S+\s+)*)*(?:\S*\/)?mst\s+status(?:\s+-{1,2}v{1,2})*(?:\s*(?:[12&]?>>?\s*&?\s*\S+|\|\s*(?:sudo\s+)?tee(?:\s+-a)?\s+\S+))*\s*$/;

/**
 * A reader's test for lines of another tool's output in a session (a line under a command that is not `own`): true for
 * such a line, which the reader then skips; one issue per run of them (`N line(s) of the output of "X" not read`) goes
 * into `issues`, except for `mst status`'s, which mst-places.ts reads.
 */
export function otherToolOutput(own: RegExp, issues: LineIssue[]): (l: TextLine) => boolean {
  let other: { issue: LineIssue; command: string; count: number } | undefined;
  return (l) => {
    const command = l.command?.trim();
    if (command === undefined || own.test(command) || !OTHER_TOOL.test(command)) return false;
    if (MST_STATUS_COMMAND.test(command)) return true;
    const run = other !== undefined && other.command === l.command ? other : { issue: { line: l.no, text: l.text.trim(), message: '' }, command: l.command!, count: 0 };
    if (run !== other) issues.push(run.issue);
    other = run;
    run.count++;
    run.issue.message = `${run.count} line(s) of the output of "${l.command}" not read`;
    return true;
  };
}
