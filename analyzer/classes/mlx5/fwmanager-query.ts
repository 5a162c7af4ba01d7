import { ParseError } from '../../parsers/errors.js';
import { indentOf, looksLikeProse, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { namesNothing } from '../../version/sentinels.js';
import { BRANCH_TAG } from './fw-branch.js';
import { mstText } from './mst-text.js';
import { otherToolOutput } from './other-tools.js';

/** One row of a device's `Versions:` table: `FW  16.35.2000  16.35.4030`, `PXE  3.6.0502  N/A`. */
export interface FwManagerComponent {
  /** As printed: `FW`, `FW (Running)`, `PXE`, `UEFI`, `CLP`, `NVMe`, `UEFI Virtio net`… */
  name: string;
  /** The version on the device; undefined for a placeholder (`N/A`, `---`). */
  current?: string;
  /** The version the update image the tool compared against holds (not on the device); undefined for a placeholder. */
  available?: string;
}

export interface FwManagerDevice {
  /** `Device #N` as printed (1 when the paste starts below the heading). */
  index: number;
  /**
   * Which run of the tool printed it, from 1: a paste or file may hold several (before and after an update, the same
   * command twice), each starting at the tool's banner, its command line or a `Device #N` heading numbered again.
   */
  run: number;
  /** The device (`-d`) of the command line printed above its run, as typed. */
  commandDevice?: string;
  /** Line of the device's first line in the input. */
  line: number;
  deviceType?: string;
  partNumber?: string;
  description?: string;
  psid?: string;
  /** `PCI Device Name` as printed: a PCI address, an mst device (`/dev/mst/mt4119_pciconf0`, `mt4117_pciconf0`), `pci0:2:0:0`. */
  pciDeviceName?: string;
  baseGuid?: string;
  baseMac?: string;
  /** ConnectX-3 prints per-port addresses instead of a base: `Port1 MAC`, `Port2 GUID`. */
  portGuids: Record<number, string>;
  portMacs: Record<number, string>;
  components: FwManagerComponent[];
  /** `Up to date`, `Update required`, `No matching image found`, `Forced update required`… as printed. */
  status?: string;
  /** Every `Key: value` line of the device as printed. */
  fields: Record<string, string>;
  /**
   * What an update run printed for the device after its query: `done` (`Device #1: Updating FW ...` then `Done`: the
   * flash now holds the Available image, which runs only after a reset), `failed` (an error, `Failed`, `Interrupted`:
   * nothing changed), `unfinished` (the output ends before either). Undefined when the run updated nothing.
   */
  update?: 'done' | 'failed' | 'unfinished';
}

export interface FwManagerQuery {
  format: 'text' | 'xml';
  devices: FwManagerDevice[];
  issues: LineIssue[];
  /**
   * The lines of the MLNX_OFED / MLNX_EN installer (or its mlnx-fw-updater package) around the query, by line number: its
   * package and progress lines, its summary of each card's PCI link, its closing advice. They say nothing of the firmware.
   */
  installerLines: number[];
  /**
   * The cards the installer has no image for (`The firmware for this device is not distributed inside Mellanox driver:
   * 31:00.0 (PSID: LNV0000000016)`), with the line that says so; the installer prints no query of them.
   */
  installerWithoutImage?: { address: string; psid: string; line: number }[];
  /**
   * The cards the installer names after its update (`Device (03:00.0):`, one block per PCI function, with lspci's line
   * below it: `03:00.0 Ethernet controller: Mellanox Technologies MT27500 Family [ConnectX-3]`): each address as printed, and
   * the family lspci's brackets give.
   */
  installerDevices?: InstallerDevice[];
}

/** A PCI function the MLNX_OFED / MLNX_EN installer names (`Device (03:00.0):`), with the family its lspci line gives. */
export interface InstallerDevice {
  address: string;
  family?: string;
}

const PARSER = 'fwmanager-query';
/** What the tool prints for a value it does not have. */
const PLACEHOLDER = /^(?:N\/A|NA|-+|none|unknown)$/i;
/** A printed value, or undefined for a placeholder or what a person masked (`****************`, `REDACTED`). */
const value = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t === undefined || t === '' || PLACEHOLDER.test(t) || namesNothing(t) ? undefined : t;
};

const HEADER = /^Querying Mellanox devices firmware \.\.\.$/;
/**
 * The command line typed above the output, with or without a prompt (`linux# mlxfwmanager`, `C:\\…>mlxup --query`,
 * ESXi's `[root@localhost:/opt/mellanox/bin] ./mlxfwmanager --query`, a bracketed user@host with no sign after it).
 */
const COMMAND_LINE = /^(?:(?:\([^)]*\)\s*)?(?:(?:\[[^\]]*\]|(?:[^\s#$>%]*[#$>%])+)|\[[^\]\s@]+@[^\]\s]+\])\s*)?(?:sudo\s+(?:-\S+\s+)*)?(?:[^\s#$>%]*[/\\])?(?:mlxfwmanager|mstfwmanager|mlxup)(?:\.exe)?(?:\s.*)?$/;
const DEVICE = /^Device #(\d+):$/;
const RULE = /^-{3,}$/;
const FIELD = /^([A-Z][A-Za-z0-9 ]*?):(?:\s+(.*))?$/;
const VERSIONS = /^Versions:\s+Current\s+Available$/;
/** A row of the Versions table by its component's name (`FW  12.26.4012  N/A`, `UEFI Virtio net  21.4.10  N/A`). */
const COMPONENT_ROW = /^(?:FW(?: \(Running\))?|PXE|UEFI(?: Virtio (?:net|blk))?|CLP|FCODE|NVMe)\s+\S+(?:\s+\S+)?$/;
/** The fields a firmware manager prints for a device (`Port1 GUID`… as `Port<n> GUID|MAC`). */
const TOOL_FIELD = /^(?:Device Type|Part Number|Description|PSID|PCI Device Name|Base GUID|Base MAC|Port\d (?:GUID|MAC)|Versions|Status)$/;
/** A version as the table prints it (a development branch's firmware by its tag, as flint prints it), or a placeholder. */
const isVersionWord = (w: string): boolean => /^(?:\d[\w.-]*|N\/A|NA|-+)$/i.test(w) || BRANCH_TAG.test(w);
/** Lines the tool prints around a query: an update run's prompt and log, the release-notes list of mlxup --online. */
const TOOL_LINES = [
  /^Found \d+ device\(s\) requiring firmware update\.{0,3}$/,
  /^All listed device\(s\) firmware images are up to date\.?$/,
  /^Perform FW update\? \[y\/N\]:/,
  /^No updates performed$/,
  /^-[EWI]- /,
  /^(?:Real )?[Ll]og [Ff]ile:/,
  /^Restart needed for updates to take effect\.?$/,
  /^Release notes for the available Firmware:$/,
  /^For more details, please refer to the following FW release notes:$/,
  /^\d+- \S.*\(\d+(?:\.\d+)+\):\s+\S+$/,
  /^Please wait while downloading MFA\(s\) \.\.\.$/,
  /^Device #\d+: (?:Updating FW \.\.\.(?:\s+(?:Done|Fail.*|Error.*))?|Done|Up to date|Skipped.*|Error - .*|Interrupted|Fail.*)$/,
  // A component's progress; a terminal paste may run the next line's `Done` onto it after the padding.
  /^[A-Za-z_ ]+ -\s+(?:OK|\d+%)(?:\s+Done)?$/,
  /^Done$/,
];

/**
 * What the MLNX_OFED / MLNX_EN installer prints around the firmware manager's query it runs: the package being set up
 * (`Setting up mlnx-fw-updater (5.0-1.0.0.0) ...`, rpm's `Preparing...  ####`), `Attempting to perform Firmware update...`,
 * `Initializing...`, its log's place, its summary of each card (`Device (03:00.0):`, the lspci line, `Link Width: x4`,
 * `PCI Link Speed: 8GT/s`), and its closing lines (`Installation passed successfully`, `To load the new driver, run:`,
 * `/etc/init.d/openibd restart`).
 */
const INSTALLER_LINES = [
  /^Setting up mlnx-fw-updater\b.*$/,
  /^(?:Preparing|Updating \/ installing|Installing|Initializing)\.{3}.*$/,
  // rpm's progress line; the text layer may have taken its bar off as a terminal's progress.
  /^\d+:mlnx-fw-updater\S*(?:\s+#+.*)?$/,
  /^Attempting to perform Firmware update\.{0,3}$/,
  /^(?:Logs? dir|General log file|Log):\s+\/\S+$/,
  /^Device \((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\):$/i,
  /^(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] [A-Z][\w ]+ controller: .*$/i,
  /^(?:Link Width|PCI Link Speed):\s+\S+$/,
  /^Installation (?:passed|finished) successfully\.?$/,
  /^To load the new driver, run:$/,
  /^\/etc\/init\.d\/\S+ restart$/,
  /^Added '?RUN_FW_UPDATER_ONBOOT=no'? to \S+$/,
  // After a card it has no image for: the advice, its failure and log, the exit status its log ends with.
  /^To obtain firmware for this device, please contact your HW vendor\.?$/,
  /^Failed to update Firmware\.?$/,
  /^See \/\S+\.log$/,
  /^EXIT_STATUS: \d+$/,
  /^You may need to update your initramfs before next boot\. To do that, run:$/,
  /^dracut -f$/,
  /^Note: In order to load the new nvme-rdma and nvmet-rdma modules, the nvme module must be reloaded\.$/,
];
const isInstallerLine = (s: string): boolean => INSTALLER_LINES.some((r) => r.test(s));
/**
 * The installer's line for a card whose PSID no image it carries fits (a vendor's card): the card's address and the
 * PSID the firmware manager's query gave it. The installer prints no query for it.
 */
const NO_IMAGE = /^The firmware for this device is not distributed inside (?:Mellanox|NVIDIA) driver: (\S+) \(PSID: ([^)\s]+)\)$/;
/** The installer's heading of one PCI function: `Device (03:00.0):`. */
const INSTALLER_DEVICE = /^Device \(((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\):$/i;
/** lspci's line for it, whose brackets name the family: `03:00.0 Ethernet controller: … [ConnectX-3]`. */
const INSTALLER_LSPCI = /^((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) [A-Z][\w ]+ controller: .*?(?:\[([^\]]+)\])?$/i;

/** `Device #1: Updating FW ...`, and what follows it on the line when the update ended there. */
const UPDATING = /^Device #(\d+): Updating FW \.\.\.\s*(.*)$/;
/** The end of one device's update: `Done` (alone, or after a component's progress), else a failure. */
const UPDATE_DONE = /(?:^|\s)Done$/;
const UPDATE_FAILED = /^(?:-E- |Device #\d+: (?:Error|Fail|Interrupted))|^(?:Failed|Fail(?:ed)? to|Error\b|Interrupted|Abort)|\s(?:Failed|FAILED)$/;

/**
 * A person's sentence that ends in a colon or names a thing before one (`Here is what the card reports after the update:`),
 * which the field pattern also matches: the tool's field names are capitalised words (`PCI Device Name`), never a lower-case one.
 */
const writersHeading = (key: string, line: string): boolean => /(?:^|\s)[a-z]/.test(key) && looksLikeProse(line);

function splitVersions(s: string): { name: string; versions: string[] } | undefined {
  const words = s.split(/\s+/);
  const versions: string[] = [];
  while (versions.length < 2 && words.length > 1 && isVersionWord(words.at(-1)!)) versions.unshift(words.pop()!);
  if (versions.length === 0 || !/^[A-Za-z]/.test(words[0] ?? '')) return undefined;
  const name = words.join(' ');
  // A component's name is words (`FW`, `UEFI Virtio net`); one with a colon is a field or a note.
  if (name.includes(':')) return undefined;
  // The firmware's own version is always dotted (28.46.3048): a bare number there is a line cut short, not a version.
  if (/^FW\b/.test(name) && versions.some((v) => /^\d+$/.test(v))) return undefined;
  return { name, versions };
}

function newDevice(index: number, line: number, run = 1): FwManagerDevice {
  return { index, run, line, portGuids: {}, portMacs: {}, components: [], fields: {} };
}

/** A GUID or MAC as the tool prints it, hex digits only; a writer's redaction (`0002c9xxxxxx`, `e41d2d******`) names no address. */
const address = (v: string | undefined): string | undefined => (v !== undefined && /^[0-9a-fA-F]+$/.test(v) ? v : undefined);

function finish(d: FwManagerDevice): void {
  const f = (k: string): string | undefined => value(d.fields[k]);
  const set = <K extends keyof FwManagerDevice>(k: K, v: FwManagerDevice[K] | undefined): void => {
    if (v !== undefined) d[k] = v;
  };
  set('deviceType', f('Device Type'));
  set('partNumber', f('Part Number'));
  set('description', f('Description'));
  set('psid', f('PSID'));
  set('pciDeviceName', f('PCI Device Name'));
  set('baseGuid', address(f('Base GUID')));
  set('baseMac', address(f('Base MAC')));
  set('status', f('Status'));
  for (const [k, v] of Object.entries(d.fields)) {
    const port = /^Port(\d) (GUID|MAC)$/.exec(k);
    const val = address(value(v));
    if (port && val) (port[2] === 'GUID' ? d.portGuids : d.portMacs)[Number(port[1])] = val;
  }
}

/** Where a page that flattened a query starts a new line: the tool's heading, a device's heading and rule, each of its fields. */
const FLAT_LABEL = /(?:^|\s)(?:Querying Mellanox devices firmware \.\.\.|Device #\d+:|-{3,}|(?:Device Type|Part Number|Description|PSID|PCI Device Name|Base GUID|Base MAC|Port\d (?:GUID|MAC)|Versions|Status):)(?=\s|$)/g;

/**
 * A query a web page or a chat flattened onto one line (`Querying Mellanox devices firmware ... Device #1: ---------- Device
 * Type: ConnectX5 … Versions: Current Available FW 16.26.1040 16.28.2006 PXE … Status: Update required`): a line that starts
 * with one of the tool's labels and holds three at least, a device's heading or its Versions table among them, is cut
 * before each, and the Versions table's words grouped into rows (a component's name, then its current and available
 * versions), each a line of its own with the same line number. Any other line, and a table whose words make no whole
 * rows, is left as it is.
 */
function unflattened(l: TextLine): TextLine[] {
  const s = l.text.trim();
  const at = [...s.matchAll(FLAT_LABEL)].map((m) => (/^\s/.test(m[0]) ? m.index + 1 : m.index));
  // A device's heading or its Versions table among them: a description may hold words with a colon (`…; Status: lab unit`).
  if (at.length < 3 || at[0] !== 0 || !/(?:^|\s)(?:Querying Mellanox devices firmware|Device #\d+:|Versions:)/.test(s)) return [l];
  return at
    .map((from, i) => s.slice(from, at[i + 1]).trim())
    .flatMap((piece) => {
      const table = /^Versions:\s+Current\s+Available\s+(\S.*)$/.exec(piece);
      if (!table) return [piece];
      const rows: string[] = [];
      let name: string[] = [];
      const words = table[1]!.split(/\s+/);
      for (let i = 0; i < words.length; ) {
        if (name.length === 0 || !isVersionWord(words[i]!)) {
          name.push(words[i++]!);
          continue;
        }
        const versions = [words[i++]!];
        if (i < words.length && isVersionWord(words[i]!)) versions.push(words[i++]!);
        rows.push([name.join(' '), ...versions].join('   '));
        name = [];
      }
      return name.length > 0 ? [piece] : ['Versions:   Current   Available', ...rows];
    })
    .map((text) => ({ ...l, text }));
}

/** `mlxfwmanager --query`, `mlxup --query`, `mstfwmanager --query` (or their bare runs) as printed or pasted, one run or several. */
function parseText(text: string): FwManagerQuery {
  const devices: FwManagerDevice[] = [];
  const issues: LineIssue[] = [];
  let dev: FwManagerDevice | undefined;
  let inVersions = false;
  let versionsIndent = 0;
  /** The indentation of the device's first field: the tool indents its block (`  Device Type:`) unless a page flattened it. */
  let fieldIndent = 0;
  let run = 1;
  /** The entries of the run being read; an entry below no `Device #N` heading (a `| grep` of the query) is in `unheaded`. */
  let inRun: FwManagerDevice[] = [];
  let commandDevice: string | undefined;
  const unheaded = new Set<FwManagerDevice>();
  const nextRun = (): void => {
    if (inRun.length === 0) return;
    run++;
    inRun = [];
    dev = undefined;
  };
  const start = (index: number, line: number): FwManagerDevice => {
    const d = newDevice(index, line, run);
    if (commandDevice !== undefined) d.commandDevice = commandDevice;
    devices.push(d);
    inRun.push(d);
    return d;
  };
  const headless = (line: number): FwManagerDevice => {
    const d = start(inRun.length + 1, line);
    unheaded.add(d);
    return d;
  };
  /** The device whose update the lines below `Device #N: Updating FW ...` report. */
  let updating: FwManagerDevice | undefined;
  const updateLine = (s: string): void => {
    const u = UPDATING.exec(s);
    if (u) {
      updating = inRun.find((d) => d.index === Number(u[1])) ?? inRun.at(-1);
      if (updating) updating.update = UPDATE_DONE.test(u[2]!) ? 'done' : u[2] !== '' && UPDATE_FAILED.test(` ${u[2]!}`) ? 'failed' : 'unfinished';
      return;
    }
    if (!updating || updating.update !== 'unfinished') return;
    if (UPDATE_FAILED.test(s)) updating.update = 'failed';
    else if (UPDATE_DONE.test(s)) updating.update = 'done';
  };
  const cleaned = mstText(text);
  // Command lines the text layer took out of the lines (a prompt before them): each still starts a run and names its device.
  const typed = cleaned.noise.filter((n) => n.kind === 'prompt' && COMMAND_LINE.test(n.text.trim()));
  let next = 0;
  const installerLines: number[] = [];
  const installerDevices: InstallerDevice[] = [];
  const installerWithoutImage: { address: string; psid: string; line: number }[] = [];
  // Another tool's output in the same session (`mst status -v` above the query): its lines, not the firmware manager's.
  const otherTools = otherToolOutput(COMMAND_LINE, issues);
  for (const l of cleaned.lines.flatMap(unflattened)) {
    const s = l.text.trim();
    if (otherTools(l)) continue;
    const noImage = NO_IMAGE.exec(s);
    if (noImage) {
      installerWithoutImage.push({ address: noImage[1]!, psid: noImage[2]!, line: l.no });
      continue;
    }
    if (isInstallerLine(s)) {
      installerLines.push(l.no);
      const named = INSTALLER_DEVICE.exec(s);
      if (named) installerDevices.push({ address: named[1]! });
      const lspci = INSTALLER_LSPCI.exec(s);
      const last = installerDevices.at(-1);
      if (lspci && last && last.address.toLowerCase() === lspci[1]!.toLowerCase() && lspci[2]) last.family = lspci[2];
      continue;
    }
    for (; next < typed.length && typed[next]!.no < l.no; next++) {
      updating = undefined;
      nextRun();
      commandDevice = /\s(?:-d|--dev|--device)[\s=]+(\S+)/.exec(typed[next]!.text)?.[1];
      inVersions = false;
    }
    updateLine(s);
    const heading = DEVICE.exec(s);
    if (heading) {
      updating = undefined;
      const index = Number(heading[1]);
      // `Device #1:` again (or any number already seen in this run): the tool was run again.
      if (inRun.some((d) => d.index >= index)) nextRun();
      dev = start(index, l.no);
      inVersions = false;
      continue;
    }
    if (HEADER.test(s) || COMMAND_LINE.test(s)) {
      updating = undefined;
      nextRun();
      if (COMMAND_LINE.test(s)) commandDevice = /\s(?:-d|--dev|--device)[\s=]+(\S+)/.exec(s)?.[1];
      inVersions = false;
      continue;
    }
    if (RULE.test(s)) continue;
    if (VERSIONS.test(s)) {
      if (!dev || (unheaded.has(dev) && dev.components.length > 0)) dev = headless(l.no);
      inVersions = true;
      versionsIndent = indentOf(l);
      continue;
    }
    const field = FIELD.exec(s);
    // A line indented as the table's rows, below `Versions:`, is no field of the device: the table goes on after it.
    const inTable = inVersions && indentOf(l) > versionsIndent;
    // A `Key: value` of a person's inside the device's block (`Host: node-07` at the margin of an indented block; `Note: …`
    // in the block or its Versions table, which an unindented block, as a page flattened it, puts at the fields' margin):
    // not the tool's, whose block holds its own fields only until Status. Named, and the block (its Versions table) goes on after it.
    const inBlock = dev !== undefined && Object.keys(dev.fields).length > 0 && dev.fields.Status === undefined && !unheaded.has(dev);
    if (field && !inTable && dev && ((fieldIndent > 0 && indentOf(l) < fieldIndent) || inBlock) && !TOOL_FIELD.test(field[1]!) && !TOOL_LINES.some((t) => t.test(s))) {
      issues.push({ line: l.no, text: l.text, message: inVersions ? 'not a row of the Versions table' : 'not a line of a firmware manager query' });
      continue;
    }
    if (field && !inTable && !TOOL_LINES.some((t) => t.test(s)) && !writersHeading(field[1]!, s)) {
      // A field an entry below no heading already has: the next entry of a filtered (`| grep`) listing.
      if (!dev || (unheaded.has(dev) && dev.fields[field[1]!] !== undefined)) dev = headless(l.no);
      inVersions = false;
      if (Object.keys(dev.fields).length === 0) fieldIndent = indentOf(l);
      dev.fields[field[1]!] = (field[2] ?? '').trim();
      continue;
    }
    // A component's row under a device whose `Versions:` line a filter dropped (`mlxfwmanager | egrep "FW|Device"`): the
    // table's row all the same, below the device's fields and before its Status.
    const filteredRow = !inVersions && dev !== undefined && Object.keys(dev.fields).length > 0 && dev.fields.Status === undefined && COMPONENT_ROW.test(s);
    if (filteredRow) {
      inVersions = true;
      versionsIndent = indentOf(l) - 1;
    }
    const row = inVersions && dev ? splitVersions(s) : undefined;
    if (row && dev) {
      const [current, available] = row.versions;
      const c: FwManagerComponent = { name: row.name };
      const cur = value(current);
      const avail = value(available);
      if (cur !== undefined) c.current = cur;
      if (avail !== undefined) c.available = avail;
      dev.components.push(c);
      continue;
    }
    if (TOOL_LINES.some((t) => t.test(s))) {
      inVersions = false;
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: inVersions ? 'not a row of the Versions table' : 'not a line of a firmware manager query' });
  }
  devices.forEach(finish);
  return {
    format: 'text',
    devices,
    issues,
    installerLines,
    ...(installerDevices.length ? { installerDevices } : {}),
    ...(installerWithoutImage.length ? { installerWithoutImage } : {}),
  };
}

const XML_DEVICE = /<Device\b([^>]*)>([\s\S]*?)<\/Device>/g;
const XML_ATTR = /([\w.:-]+)\s*=\s*"([^"]*)"/g;
const attrsOf = (s: string): Record<string, string> => Object.fromEntries([...s.matchAll(XML_ATTR)].map((m) => [m[1]!, unescapeXml(m[2]!)]));
const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(Number.parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e]!,
  );

/** `--query-format XML`: `<Devices><Device pciName=… type=… psid=… partNumber=…><Versions><FW current=… available=…/>…`. */
function parseXml(body: string, lineOf: (offset: number) => number): FwManagerQuery {
  const devices: FwManagerDevice[] = [];
  const issues: LineIssue[] = [];
  // Each `<Devices>` document is one run of the tool; a file may hold several.
  const runStarts = [...body.matchAll(/<Devices\b/g)].map((m) => m.index);
  for (const m of body.matchAll(XML_DEVICE)) {
    const run = Math.max(1, runStarts.filter((at) => at < m.index).length);
    const d = newDevice(devices.filter((x) => x.run === run).length + 1, lineOf(m.index), run);
    const a = attrsOf(m[1]!);
    const inner = m[2]!;
    const text = (tag: string): string | undefined => {
      const t = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(inner)?.[1];
      return t === undefined ? undefined : unescapeXml(t.trim());
    };
    const fields: Record<string, string | undefined> = {
      'Device Type': a.type, 'Part Number': a.partNumber, PSID: a.psid, 'PCI Device Name': a.pciName, Description: text('Description'), Status: text('Status'),
      'Base GUID': attrsOf(/<GUIDs\b([^>]*)\/?>/.exec(inner)?.[1] ?? '').Base_Guid, 'Base MAC': attrsOf(/<MACs\b([^>]*)\/?>/.exec(inner)?.[1] ?? '').Base_Mac,
    };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) d.fields[k] = v;
    const versions = /<Versions>([\s\S]*?)<\/Versions>/.exec(inner)?.[1] ?? '';
    for (const c of versions.matchAll(/<([A-Za-z][\w.-]*)\b([^>]*?)\/>/g)) {
      const va = attrsOf(c[2]!);
      const comp: FwManagerComponent = { name: c[1]!.replace(/_/g, ' ') };
      const cur = value(va.current);
      const avail = value(va.available);
      if (cur !== undefined) comp.current = cur;
      if (avail !== undefined) comp.available = avail;
      d.components.push(comp);
    }
    finish(d);
    devices.push(d);
  }
  if (devices.length === 0 && /<Devices\b/.test(body)) issues.push({ line: lineOf(body.indexOf('<Devices')), text: '<Devices>', message: 'an XML query holding no <Device> element' });
  return { format: 'xml', devices, issues, installerLines: [] };
}

/** The query a firmware manager printed, text or XML; a ParseError when it names no device at all. */
export function parseFwManagerQuery(raw: string): FwManagerQuery {
  let doc = mstText(raw, { document: true, keepEntities: true });
  const xmlStart = (ls: TextLine[]): number => ls.findIndex((l) => /^<(?:\?xml|Devices\b|Device\b)/.test(l.text.trim()));
  // An XML query a web page or ticket export HTML-escaped as a whole (`&lt;Devices&gt;`): its references are not the document's.
  if (xmlStart(doc.lines) < 0 && doc.lines.some((l) => /^&lt;(?:\?xml|Devices\b|Device\b)/.test(l.text.trim()))) doc = mstText(raw, { document: true });
  const start = xmlStart(doc.lines);
  let q: FwManagerQuery;
  if (start >= 0) {
    const lines = doc.lines.slice(start);
    const body = lines.map((l) => l.text).join('\n');
    const starts: number[] = [];
    let at = 0;
    for (const l of lines) {
      starts.push(at);
      at += l.text.length + 1;
    }
    q = parseXml(body, (offset) => {
      let i = starts.length - 1;
      while (i > 0 && starts[i]! > offset) i--;
      return lines[i]?.no ?? 1;
    });
    // Lines above the document: the command typed, else something that is not the tool's.
    const above = doc.lines.slice(0, start).filter((l) => !COMMAND_LINE.test(l.text.trim()));
    q.issues.unshift(...above.map((l) => ({ line: l.no, text: l.text, message: 'not part of the XML query' })));
  } else q = parseText(raw);
  if (!q.devices.some((d) => d.psid !== undefined || d.deviceType !== undefined || d.components.length > 0) && !q.installerWithoutImage?.length) {
    throw new ParseError(PARSER, 'no device with a Device Type, PSID or Versions table in the output');
  }
  return q;
}
