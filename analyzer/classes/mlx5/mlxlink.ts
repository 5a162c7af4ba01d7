import { jsonDocument, type LineIssue } from '../../parsers/text-input.js';
import { parseMlxlinkJson } from './mlxlink-json.js';
import { mstText } from './mst-text.js';
import { otherToolOutput } from './other-tools.js';

/**
 * mlxlink's (NVIDIA MFT) and mstlink's (mstflint) port report: sections under a heading underlined with dashes
 * (`Operational Info`, `Supported Info`, `Troubleshooting Info`, `Tool Information`, `Module Info` with `-m`), each a
 * list of `Key   : value`. Several runs in one file (a loop over devices) are kept apart: a run starts where
 * `Operational Info` comes again, and takes the device its command line or a line the loop echoed names. With `--json`
 * the same sections are one JSON document (mlxlink-json.ts), read into the same fields.
 */
export interface LinkRun {
  /** The device the run's command line (`mlxlink -d X`) or an echoed line above it (`== mt4123_pciconf0 ==`) names. */
  device?: string;
  /** `-p <port>` of the run's command line, as a number. */
  port?: number;
  /** Section heading → key → value, as printed. */
  sections: Record<string, Record<string, string>>;
  /** The tool's `-E-` messages, without the mark. */
  errors: string[];
}

export interface LinkOutput {
  runs: LinkRun[];
  issues: LineIssue[];
}

/** A section heading's underline. */
const UNDERLINE = /^-{3,}$/;
/** `Key   : value` (a key may hold spaces, brackets, dots and slashes: `Wavelength [nm]`, `Enabled Link Speed (Ext.)`). */
const FIELD = /^([A-Za-z][A-Za-z0-9 ()[\].,/_+-]*?)\s*:\s*(.*)$/;
const COMMAND = /(?:^|[\s/\\])(?:mlxlink|mstlink)(?:\.exe)?\s(.*)$/;
/** mlxlink's command line, also typed bare (`mlxlink`, its device in the report's text). */
const MLXLINK = /(?:^|[\s/\\])(?:mlxlink|mstlink)(?:\.exe)?(?:\s|$)/;
/** A line a loop echoed to mark a run: a device name between rules (`========== mt4123_pciconf0 ==========`). */
const MARKER = /^[=#*-]{2,}\s*(\S+)\s*(?:\S+\s*)*?[=#*-]{2,}$/;
/**
 * nvidia-bug-report.sh's header of the mlxlink run it makes on each GPU's NVLink mst node (MFT 4.32 and later, Blackwell):
 * `Starting GPU MST dump...` and the node's line of `mst status` (the node first), a rule of underscores, the command.
 */
const GPU_DUMP = /^Starting GPU MST dump\.{2,}\s*(\S+)/;
/** A port a loop echoed above its run. */
const PORT_ECHO = /^Port\s+(\d{1,2}):$/;
/** The shell's own words of a loop typed over several lines (`for i in …; do`, `echo …`, `done`). */
const SHELL = /^(?:for\s.*;\s*do|do|done|echo\s.*)$/;

/** A section heading as mlxlink prints it (`Operational Info`, `Tool Information`), told without its underline (a grep dropped it). */
const SECTION_TITLE = /^(?:[A-Z][A-Za-z0-9()/&.-]*\s)*?(?:Info|Information)$/;
/**
 * The section a field is printed in (mlxlink/modules/printutil), for a report grep cut down to some fields: the fields
 * of a heading it dropped are not the heading's above them (`Enabled Link Speed (Ext.)` is Supported Info's).
 */
const FIELD_SECTION: Record<string, string> = {
  State: 'Operational Info', 'Physical state': 'Operational Info', Speed: 'Operational Info', Width: 'Operational Info', FEC: 'Operational Info',
  'Loopback Mode': 'Operational Info', 'Auto Negotiation': 'Operational Info',
  'Enabled Link Speed': 'Supported Info', 'Enabled Link Speed (Ext.)': 'Supported Info', 'Supported Cable Speed': 'Supported Info', 'Supported Cable Speed (Ext.)': 'Supported Info',
  'Status Opcode': 'Troubleshooting Info', 'Group Opcode': 'Troubleshooting Info', Recommendation: 'Troubleshooting Info',
  'Firmware Version': 'Tool Information', 'amBER Version': 'Tool Information', 'MFT Version': 'Tool Information',
  // -m: the module's own identity (the adapter's firmware is Tool Information's `Firmware Version`).
  Identifier: 'Module Info', Compliance: 'Module Info', 'Cable Technology': 'Module Info', 'Cable Type': 'Module Info', 'Vendor Name': 'Module Info',
  'Vendor Part Number': 'Module Info', 'Vendor Serial Number': 'Module Info', 'FW Version': 'Module Info',
};

/** A bare mst node name (`mt4123_pciconf0`, `mt52100_pci_cr0`) is the node under /dev/mst the tools create. */
const mstNode = (name: string): string => (/^mt\d+_pci(?:conf|_cr|cr)\d+(?:\.\d+)?$/.test(name) ? `/dev/mst/${name}` : name);

function commandOf(args: string): { device?: string; port?: number } {
  const device = /(?:^|\s)(?:-d|--dev|--device)\s+(\S+)/.exec(args)?.[1];
  const port = /(?:^|\s)(?:-p|--port)\s+(\S+)/.exec(args)?.[1];
  const out: { device?: string; port?: number } = {};
  // A shell variable (`$i`, `$dev`) names no one device.
  if (device !== undefined && !device.includes('$')) out.device = device;
  if (port !== undefined && /^(?:\d+|0x[0-9a-f]+)$/i.test(port)) out.port = Number(port);
  return out;
}

/** The device and port of the mlxlink command typed above the output, if any. */
function typedCommand(lines: ReturnType<typeof mstText>['lines']): { device?: string; port?: number } {
  for (const l of lines) {
    const typed = l.command !== undefined && COMMAND.exec(l.command);
    if (typed) return commandOf(typed[1]!);
  }
  return {};
}

/** `mlxlink -d <dev> [-p <port>] [-m] [-c] [--show_ber_monitor]… [--json]` output, as printed or as pasted. */
export function parseMlxlink(text: string): LinkOutput {
  const lines = mstText(text).lines;
  // A JSON document, also one a log line carried escaped (its lines are the text layer's reading of it).
  const fromLines = lines.find((l) => l.text.trim() !== '')?.text.trimStart().startsWith('{') ? lines.map((l) => l.text).join('\n') : undefined;
  const json = jsonDocument(text) ?? (fromLines === undefined ? undefined : jsonDocument(fromLines));
  // A document cut short ends with no closing brace of its own: all from its opening line on is what there is of it.
  const opening = lines.findIndex((l) => l.text.trimStart().startsWith('{'));
  if (json !== undefined) return parseMlxlinkJson(json, typedCommand(lines), opening < 0 ? undefined : lines.slice(opening));
  const runs: LinkRun[] = [];
  const issues: LineIssue[] = [];
  let pending: { device?: string; port?: number } = {};
  let run: LinkRun | undefined;
  let section: string | undefined;
  /** Whether the section's heading came with its underline: a grep keeps neither the underline nor every heading. */
  let underlined = true;
  const start = (): LinkRun => {
    run = { sections: {}, errors: [], ...pending };
    pending = {};
    runs.push(run);
    return run;
  };
  // Another tool's output in the same session (`mst status -v`, `ibstat` above the report): its lines, not mlxlink's.
  const otherTools = otherToolOutput(MLXLINK, issues);
  for (const [i, l] of lines.entries()) {
    const s = l.text.trim();
    if (s === '' || UNDERLINE.test(s)) continue;
    if (otherTools(l)) continue;
    const typed = l.command !== undefined && COMMAND.exec(l.command);
    if (typed && i === lines.findIndex((x) => x.command === l.command)) pending = { ...pending, ...commandOf(typed[1]!) };
    const inline = COMMAND.exec(s);
    if (inline && !FIELD.test(s)) {
      pending = { ...pending, ...commandOf(inline[1]!) };
      continue;
    }
    if (SHELL.test(s)) continue;
    const underline = UNDERLINE.test(lines[i + 1]?.text.trim() ?? '');
    if ((underline || SECTION_TITLE.test(s)) && !s.includes(':')) {
      underlined = underline;
      const cur = run ?? start();
      // The same heading again is the next run's (a loop over devices, the command run twice).
      section = s in cur.sections || ((pending.device !== undefined || pending.port !== undefined) && Object.keys(cur.sections).length > 0) ? (start(), s) : s;
      run!.sections[section] ??= {};
      continue;
    }
    const marker = MARKER.exec(s) ?? GPU_DUMP.exec(s);
    // A device's name has a digit, a slash, a colon or an underscore; a banner's word (`--- Link Status ---`) has none.
    if (marker && !FIELD.test(s) && /[\d_/:]/.test(marker[1]!)) {
      pending = { ...pending, device: mstNode(marker[1]!) };
      continue;
    }
    // A loop over ports echoing each (`Port 1:`): the port of the report below.
    const echoedPort = PORT_ECHO.exec(s);
    if (echoedPort) {
      pending = { ...pending, port: Number(echoedPort[1]) };
      continue;
    }
    if (/^-[EWI]-/.test(s)) {
      if (s.startsWith('-E-')) (run ?? start()).errors.push(s.replace(/^-E-\s*/, ''));
      continue;
    }
    const f = FIELD.exec(s);
    const home = f ? FIELD_SECTION[f[1]!.trim()] : undefined;
    if (f && home !== undefined && (section === undefined || !underlined) && f[2]!.trim() !== '') {
      const next = run === undefined || ((pending.device !== undefined || pending.port !== undefined) && Object.keys(run.sections).length > 0);
      ((next ? start() : run!).sections[home] ??= {})[f[1]!.trim()] = f[2]!.trim();
      continue;
    }
    if (f && section !== undefined && run) {
      // The heading may be an earlier run's: a field of a known section started this run (a grep kept no underline).
      (run.sections[section] ??= {})[f[1]!.trim()] = f[2]!.trim();
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: 'not a line of an mlxlink report' });
  }
  return { runs, issues };
}

/** A field of a run, looked up in any section (mlxlink versions moved some: `FW Version` of the module). */
export function linkField(run: LinkRun, section: string, key: string): string | undefined {
  const v = run.sections[section]?.[key];
  return v === undefined || v === '' || v === 'N/A' ? undefined : v;
}
