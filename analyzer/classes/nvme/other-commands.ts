import { ParseError } from '../../parsers/errors.js';
import { trailingProse, type CleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';

/** nvme-cli 3 spells subcommands as two words (`nvme id ctrl`): the one-word name they stand for. */
const TWO_WORDS: Readonly<Record<string, string>> = { 'id ctrl': 'id-ctrl', 'id ns': 'id-ns', 'fw log': 'fw-log', 'smart log': 'smart-log', 'error log': 'error-log' };

/**
 * Whether a typed command runs nvme-cli with another subcommand than `sub` (`sudo nvme list` above an id-ctrl); a
 * vendor plugin's form of it (`nvme wdc id-ctrl`) and nvme-cli 3's two words (`nvme id ctrl`) are `sub` itself.
 */
export function runsOtherSubcommand(command: string, sub: string): boolean {
  const m = /(?:^|[\s/;|&(`])nvme(?:\.exe)?\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?/i.exec(command);
  if (!m) return false;
  const words = [m[1]!, m[2]].filter((w): w is string => w !== undefined).map((w) => w.toLowerCase());
  return !words.includes(sub) && TWO_WORDS[words.join(' ')] !== sub;
}

/** A word of a typed command that runs nvme-cli (`nvme`, `./nvme`, `nvme.exe`), wherever in it (after `sudo`, in a loop). */
const RUNS_NVME = /(?:^|[\s/;|&(`'"\\])nvme(?:\.exe)?(?=\s|$|['"`;|&)])/i;

/**
 * Programs whose output may be a saved nvme-cli output itself (a viewer of a file, a pager, a filter) or which run
 * another command (a shell, sudo, ssh, a container, a loop): what they print is not known to be another program's.
 */
const SHOWS_OR_WRAPS = new Set(['cat', 'tac', 'less', 'more', 'most', 'head', 'tail', 'type', 'bat', 'batcat', 'view', 'vi', 'vim', 'nano', 'zcat', 'zless', 'bzcat', 'xzcat', 'zstdcat', 'gunzip', 'grep', 'egrep', 'fgrep', 'rg', 'awk', 'sed', 'cut', 'column', 'sort', 'uniq', 'tee', 'jq', 'get-content', 'gc', 'sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'su', 'doas', 'ssh', 'docker', 'podman', 'kubectl', 'oc', 'chroot', 'nsenter', 'watch', 'timeout', 'xargs', 'parallel', 'eval', 'source', '.', 'exec', 'script', 'for', 'while', 'until', 'if', 'do', 'then', '!!', 'tmux', 'screen']);

/** The program a typed command runs: its first word after `sudo` (and its options), `time`, `env` and `VAR=value`s. */
function programOf(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (/^(?:sudo|time|env|nohup|nice|command)$/.test(w) || /^[A-Za-z_]\w*=/.test(w) || (i > 0 && /^-/.test(w) && /^(?:sudo|env|nice)$/.test(words[i - 1]!))) i++;
    else break;
  }
  const w = words[i];
  return w === undefined ? undefined : w.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
}

/**
 * Whether a typed command runs another program than nvme-cli (a vendor's update tool, `lsblk`, `ldd` between two `nvme
 * list` runs): its program is no viewer of a saved file and no wrapper of another command, and no word of it runs nvme-cli.
 */
export function runsAnotherProgram(command: string): boolean {
  if (RUNS_NVME.test(command)) return false;
  const program = programOf(command);
  return program !== undefined && program !== '' && !SHOWS_OR_WRAPS.has(program);
}

/**
 * nvme-cli's own trace of each admin command it sends, as its FreeBSD port (bsdimp/nvme-cli, built with TRACE) writes
 * it to stderr above the output: the ioctl and the command's dwords (`0xc0484e41: opc: 0x2 fuse: 0 cid 0
 * nsid:0xffffffff cmd2: 0 cmd3: 0`, `          : cdw10: 0x7f0002 cdw11: 0 …`, `          : cdw14: 0 cdw15: 0 len: 0x200
 * is_read: 0`), what came back (`<--- 0 cid: 0 status 0`), and an ioctl it passes through (`Passing through IOCTL 0x…`).
 */
const COMMAND_TRACE = /^\s*(?:0x[0-9a-f]+: opc: 0x[0-9a-f]+ fuse: \S+ cid \S+ nsid:\S+ cmd2: \S+ cmd3: \S+|: cdw10: \S+ cdw11: \S+ cdw12: \S+ cdw13: \S+|: cdw14: \S+ cdw15: \S+ len: \S+ is_read: \d+|<--- -?\d+ cid: \S+ status \S+|Passing through IOCTL 0x[0-9a-f]+)\s*$/i;

/**
 * nvme-cli's dump of a command it sent, above the output with `-vv` (2.14 on, logging.c) and with
 * `admin-passthru --show-command` (1.x on): a run from `opcode       : 06` of the command's fields (`cdw10        :
 * 007f0003`), what came back (`result       : 00000000`, `err          : 0`) and its time (`latency      : 187 us`); a
 * command sent again says `passthru command returned '…'` first. A key of it alone, under no `opcode` line, is not one.
 */
const DUMP_START = /^\s*opcode\s*:\s*[0-9a-f]{2}\s*$/i;
const DUMP_LINE = /^\s*(?:flags|rsvd1|nsid|cdw[23]|data_len|metadata_len|addr|metadata|cdw1[0-5]|timeout_ms|result|err|doff|dlen)\s*:\s*-?[0-9a-f]+\s*$|^\s*latency\s*:\s*\d+ us\s*$/i;
const RETRIED = /^\s*passthru command returned '[^']*'\s*$/;

/**
 * nvme-cli 3.0 prints under the dump the bytes the command moved (logging.c `nvme_show_datum`): `data: 4096 bytes` (and
 * `metadata: N bytes`), then its hex dump (`stdout_d`): a column heading `       0  1  2 … f`, rows of an offset, up to
 * 16 bytes and their characters (`0000: 4d 1c 4d 1c 50 48 … "M.M.PHBT..."`), a `*` for rows the same as the one above
 * and, after such rows at the end, the offset alone (`1000:`).
 */
const DATA_DUMP_LINE = /^\s*(?:meta)?data\s*:\s*\d+ bytes\s*$|^\s*0(?:\s+[1-9a-f]){15}\s*$|^\s*[0-9a-f]{4,}:(?:\s[0-9a-f]{2}){1,16}\s+"[!-~]{1,16}"\s*$|^\s*\*\s*$|^\s*[0-9a-f]{4,}:\s*$/i;

/** Admin commands that read data from the controller: Get Log Page, Identify, Get Features. */
const DATA_IN = new Set([0x02, 0x06, 0x0a]);

/**
 * The FreeBSD port's trace of a command that reads data (`opc: 0x2`) sent with `is_read: 0` and a buffer (`len: 0x200`):
 * FreeBSD's passthrough (`struct nvme_pt_command`) then moves the buffer to the controller and reads nothing back, so
 * what nvme-cli prints under it is its own empty buffer (issue 1645's smart-log of zeros, -273 C), not the drive's.
 */
function assertDataRead(lines: TextLine[], sub: string): void {
  let opcode: number | undefined;
  for (const { text } of lines) {
    const opc = /\bopc: 0x([0-9a-f]+) fuse:/i.exec(text);
    if (opc) opcode = Number.parseInt(opc[1]!, 16);
    const len = /: cdw14: \S+ cdw15: \S+ len: (0x[0-9a-f]+|\d+) is_read: 0\s*$/i.exec(text);
    if (len && opcode !== undefined && DATA_IN.has(opcode) && Number(len[1]) > 0) {
      throw new ParseError(`nvme-${sub}-text`, `nvme-cli's trace shows the command (opc 0x${opcode.toString(16)}, len ${len[1]}) sent with is_read: 0: FreeBSD's passthrough then reads nothing back from the controller, so the values printed are nvme-cli's empty buffer, not the drive's; nothing of them is stored`);
    }
  }
}

/** The lines of a paste that are not nvme-cli's command dumps or traces. */
function withoutDumps(lines: TextLine[]): TextLine[] {
  let inDump = false;
  return lines.filter((l) => {
    if (COMMAND_TRACE.test(l.text) || RETRIED.test(l.text)) return false;
    inDump = DUMP_START.test(l.text) || (inDump && (DUMP_LINE.test(l.text) || DATA_DUMP_LINE.test(l.text)));
    return !inDump;
  });
}

/** `nvme list`'s table: its heading, the dashes under it, its rows (a namespace node first). */
const LIST_HEADING = /^\s*Node\s+(?:Generic\s+)?SN\s+Model\b/;
const LIST_DASHES = /^\s*-{3,}(?:\s+-{3,})+\s*$/;
const LIST_ROW = /^\s*(?:\/dev\/)?nvme\d+(?:c\d+)?n\d+\s/;

/**
 * The lines of an `nvme list` table pasted with no command line above it (the `nvme list` and `nvme id-ctrl -H` a bug
 * template asks for, pasted together): each is `nvme list`'s, as if typed.
 */
function listTableLines(lines: TextLine[], sub: string): Set<number> {
  const out = new Set<number>();
  if (sub === 'list') return out;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]!.command !== undefined || !LIST_HEADING.test(lines[i]!.text) || !LIST_DASHES.test(lines[i + 1]!.text)) continue;
    out.add(lines[i]!.no).add(lines[i + 1]!.no);
    for (i += 2; i < lines.length && LIST_ROW.test(lines[i]!.text); i++) out.add(lines[i]!.no);
    i--;
  }
  return out;
}

/**
 * The heading only this subcommand prints. A pasted command line's output runs, for the text layer, up to the next
 * command line; under this heading it is this subcommand's again (a mail reply quoting an `nvme id-ns … | grep eui64`
 * run, the writer's words, then the id-ctrl asked for).
 */
const OWN_HEADING: Readonly<Record<string, RegExp>> = {
  'id-ctrl': /^\s*NVME Identify Controller:?\s*$/i,
  'fw-log': /^\s*Firmware Log for device:/i,
  'smart-log': /^\s*Smart Log for NVME device:/i,
  'id-ns': /^\s*NVME Identify Namespace \d+:/i,
  'error-log': /^\s*Error Log Entries for device:/i,
  'list-subsys': /^\s*nvme-subsys\d+ - NQN=/,
};

/**
 * The lines of another nvme-cli output pasted under this one with no command line of its own, known by the heading only
 * that subcommand prints (an `nvme list` and the `nvme smart-log` under it, saved together as the list): from that
 * heading to the next command line, this subcommand's own heading or, for `list`, its next table heading. Each is
 * that subcommand's, as if typed.
 */
function otherHeadedLines(lines: TextLine[], sub: string): Map<number, string> {
  const out = new Map<number, string>();
  let other: string | undefined;
  for (const l of lines) {
    if (l.command !== undefined || OWN_HEADING[sub]?.test(l.text) || (sub === 'list' && LIST_HEADING.test(l.text))) {
      other = undefined;
      continue;
    }
    const opened = Object.keys(OWN_HEADING).find((k) => k !== sub && OWN_HEADING[k]!.test(l.text));
    if (opened !== undefined) other = opened;
    if (other !== undefined) out.set(l.no, `nvme ${other}`);
  }
  return out;
}

/**
 * The lines of a paste that are this subcommand's output (nvme-cli's own traces and dumps of the commands it sent left out): those under a typed nvme-cli command of another subcommand
 * (an `nvme list` above the `nvme id-ctrl`, an `nvme format` after it), and an `nvme list` table or another subcommand's
 * headed output pasted with no command line, are that command's output, each run of them
 * noted once instead of line by line. A person's sentences below such a run are words around the paste (the text
 * layer's prose), not lines of it.
 */
export function ownSubcommandLines(clean: CleanText, sub: string, issues: LineIssue[]): TextLine[] {
  const kept: TextLine[] = [];
  let run: TextLine[] = [];
  const flush = (): void => {
    const prose = trailingProse(run.map((l) => l.text));
    let end = run.length;
    while (end > 0 && prose[end - 1]) end--;
    for (const l of run.slice(end)) clean.noise.push({ ...l, kind: 'prose' });
    const first = run[0];
    if (first && end > 0) issues.push({ line: first.no, text: first.text.trim(), message: `${end} line(s) of the output of "${first.command}" not read` });
    run = [];
  };
  assertDataRead(clean.lines, sub);
  const listed = listTableLines(clean.lines, sub);
  const headed = otherHeadedLines(clean.lines, sub);
  let reclaimed: string | undefined;
  // Another program's output is set aside only in a session that shows nvme-cli typed: a paste whose one command is a
  // person's own script (`./collect.sh`) may be printing nvme-cli's output itself.
  const typesNvme = clean.lines.some((l) => l.command !== undefined && RUNS_NVME.test(l.command));
  for (const typed of withoutDumps(clean.lines)) {
    const l = listed.has(typed.no) ? { ...typed, command: 'nvme list' } : headed.has(typed.no) ? { ...typed, command: headed.get(typed.no)! } : typed;
    if (l.command !== reclaimed) reclaimed = l.command !== undefined && OWN_HEADING[sub]?.test(l.text) ? l.command : undefined;
    const other = l.command !== undefined && l.command !== reclaimed && l.text.trim() !== '' && (runsOtherSubcommand(l.command, sub) || (typesNvme && runsAnotherProgram(l.command)));
    if (other && run.length && run[0]!.command !== l.command) flush();
    if (other) run.push(l);
    else {
      flush();
      kept.push(l);
    }
  }
  flush();
  return kept;
}
