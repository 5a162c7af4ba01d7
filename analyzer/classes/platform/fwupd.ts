import { cleanText, jsonDocument, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { TRANSLATED_FIELDS } from './fwupd-labels.js';

/** One device as `fwupdmgr get-devices` (or `get-updates`) lists it (text of any fwupd version, or `--json`). */
export interface FwupdDevice {
  name: string;
  /** 1-based line of the device's name (text), or its place in the `Devices` array (JSON). */
  line: number;
  /** The device's index in `devices` of the device it hangs under (the tree's parent, JSON's ParentDeviceId). */
  parent?: number;
  deviceId?: string;
  summary?: string;
  plugin?: string;
  vendor?: string;
  vendorId?: string;
  serial?: string;
  guids: string[];
  /** The instance IDs the text prints after a GUID (`← PCI\VEN_1002&DEV_1636`) or JSON's `InstanceIds`. */
  instanceIds: string[];
  version?: string;
  versionFormat?: string;
  versionLowest?: string;
  versionBootloader?: string;
  /** fwupd's flag names (`updatable`, `needs-reboot`); a flag printed in words fwupd names otherwise is kept as printed. */
  flags: string[];
  /** Flags the text printed in words fwupdmgr's English output does not use (kept as printed). */
  unknownFlags?: number;
  /** fwupd's update state: `success`, `failed`, `pending`, `needs-reboot`, `failed-transient`, `unknown`. */
  updateState?: string;
  updateError?: string;
  /**
   * The versions of the releases `fwupdmgr get-updates` offers the device, as listed (fwupd lists the newest first):
   * each release a branch under the device (`└─… System Update:`, `New version:`), fwupd 1.x's `Update Version:`.
   */
  releases?: string[];
}

export interface FwupdDevices {
  form: 'tree' | 'list' | 'json';
  /** The machine the tree is rooted at (its first line: `HP OMEN Laptop 15-en0xxx`), in fwupd 1.3 and later. */
  host?: string;
  devices: FwupdDevice[];
  issues: LineIssue[];
}

/** What `fwupdmgr get-devices` prints for each flag (fwupd's fwupd_device_flag_to_string and the tool's words for it). */
const FLAG_WORDS: Record<string, string> = {
  'internal device': 'internal',
  updatable: 'updatable',
  'updatable in bootloader mode': 'updatable',
  'requires ac power': 'require-ac',
  'system requires external power source': 'require-ac',
  'device is locked': 'locked',
  'supported on remote server': 'supported',
  'requires a bootloader': 'needs-bootloader',
  'needs a reboot after installation': 'needs-reboot',
  'needs shutdown after installation': 'needs-shutdown',
  'reported to remote server': 'reported',
  'user has been notified': 'notified',
  'is in bootloader mode': 'is-bootloader',
  'hardware is waiting to be replugged': 'wait-for-replug',
  'cryptographic hash verification is available': 'can-verify',
  'device stages updates': 'needs-activation',
  'device can recover flash failures': 'self-recovery',
  'device is usable for the duration of the update': 'usable-during-update',
  'signed payload': 'signed-payload',
  'unsigned payload': 'unsigned-payload',
  'can tag for emulation': 'can-emulation-tag',
  'device is emulated': 'emulated',
};

/** fwupd's own flag names, as 1.x's `Flags: internal|updatable` prints them. */
const FLAG_NAMES = new Set([...Object.values(FLAG_WORDS), 'registered', 'historical', 'only-offline', 'no-guid-matching', 'wildcard-install', 'only-version-upgrade', 'unreachable', 'affects-fde', 'md-set-verfmt', 'md-set-icon', 'md-set-name', 'md-set-name-category', 'md-set-vendor', 'md-set-signed', 'md-set-flags', 'add-counterpart-guids', 'no-generic-guids', 'has-multiple-branches', 'backup-before-install', 'install-all-releases', 'skips-restart', 'version-check-required', 'install-parent-first', 'will-disappear', 'can-verify-image', 'dual-image', 'needs-user-action', 'updatable-hidden', 'only-supported', 'ensure-semver', 'retry-open', 'anti-rollback']);

/** fwupd's update states as the text prints them (`Update State: Needs reboot`) and as JSON and 1.x name them. */
const STATES = new Set(['unknown', 'pending', 'success', 'failed', 'needs-reboot', 'failed-transient']);

/** The text's labels (fwupd 1.3+, `Current version:`) and 1.x's keys (`Version:`), by the field each fills. */
const FIELDS: Record<string, keyof FwupdDevice> = {
  'device id': 'deviceId', deviceid: 'deviceId',
  summary: 'summary', plugin: 'plugin',
  vendor: 'vendor', vendorid: 'vendorId',
  'serial number': 'serial', serial: 'serial',
  'current version': 'version', version: 'version',
  'version format': 'versionFormat', versionformat: 'versionFormat',
  'minimum version': 'versionLowest', versionlowest: 'versionLowest',
  'bootloader version': 'versionBootloader', versionbootloader: 'versionBootloader',
  'update state': 'updateState', updatestate: 'updateState',
  'update error': 'updateError', updateerror: 'updateError',
  guid: 'guids', guids: 'guids',
  'device flags': 'flags', flags: 'flags',
};

const GUID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\s+←\s+(.+))?$/i;
/** The tree's branch to a device: `├─Name:`, `│ └─Name:` (the depth is the column of the branch). */
const BRANCH = /^([│ ]*)[├└]─\s?(.+?):?\s*$/;
/** A field inside the tree or under a 1.x device name: `Label:   value`, the label in any language fwupd is translated to. */
const FIELD = /^(\p{L}[\p{L}\p{M}\p{N} .'’-]{0,50}?):(?:\s+(.*))?$/u;
/**
 * fwupd pads `Label:` with spaces up to its values' column and adds none of its own: a label as long as the column
 * (`Bootloader Version:00.11.00.83` in a nested branch) has its value glued on. Taken only for a label the parser knows.
 */
const GLUED = /^(\p{L}[\p{L}\p{M}\p{N} .'’-]{0,50}?):(\S.*)$/u;

/** A field line, `Label:   value`, or a known label with its value glued on. */
function fieldOf(bare: string): RegExpExecArray | null {
  const field = FIELD.exec(bare);
  if (field) return field;
  const glued = GLUED.exec(bare);
  const label = glued?.[1]!.trim().toLowerCase();
  return glued && label !== undefined && (FIELDS[label] ?? TRANSLATED_FIELDS.get(label)) !== undefined ? glued : null;
}
/**
 * What fwupdmgr prints around the devices: a package warning, the daemon's notes; after the tree, the updates not yet
 * reported (a rule of 48 `─`, `_` before fwupd 1.9, `?` on a console without UTF-8, then `Devices that were not updated correctly:` and `Devices
 * that have been updated successfully:`, each over a bullet per device, and the question to upload the report).
 */
const OWN = /^(?:WARNING: |Devices (?:that|with) |No (?:devices|updates|upgrades|updatable devices)|Selected device: |Loading…|Decompressing…|Downloading…|Idle…|• .+ has (?:no available firmware updates|the latest available firmware version)$|[─_?]{20,}$|Upload report now\?|Uploading firmware reports helps )/;
/** A device of the unreported updates' lists: ` • System Firmware (1.45.0 → 1.49.0)` (its bullet a `?`, read as a margin ` │`, without UTF-8). */
const HISTORY_ENTRY = /^\s*[•?│]\s+.+\s\(.*\s[→?]\s.*\)$/;
/**
 * A command typed that lists devices (the output below it is read): get-devices, get-updates (its alias
 * get-upgrades), or fwupdmgr with no verb (it lists them too).
 */
const LISTS = /fwupd(?:mgr|tool|agent)(?:\.exe)?(?:\s+--?[\w-]+)*(?:\s+get-(?:devices|updates|upgrades)\b|\s*$)/;
/** The label of a release's version, `fwupdmgr get-updates`' first field of a release (fwupd 1.3 and later). */
const NEW_VERSION = 'new version';
/** fwupd 1.x's get-updates: the release offered, a field of the device itself. */
const UPDATE_VERSION = 'update version';

/** The vendor and its IDs as the text prints them: `Kingston Technology Company, Inc. (NVME:0x2646)`, `HIDRAW:0x046D|USB:0x046D`. */
function vendorOf(text: string): { vendor?: string; vendorId?: string } {
  const ids = /^(.*?)\s*\(((?:[A-Z]+:[^\s,|()]+(?:[,|]\s*)?)+)\)$/.exec(text);
  if (ids) return { ...(ids[1] ? { vendor: ids[1] } : {}), vendorId: ids[2]!.replace(/,\s*/g, '|') };
  return /^(?:[A-Z]+:\S+\|?)+$/.test(text) ? { vendorId: text } : { vendor: text };
}

const stateOf = (text: string): string => {
  const s = text.trim().toLowerCase().replace(/\s+/g, '-');
  return STATES.has(s) ? s : text.trim();
};
const flagOf = (text: string): string => FLAG_WORDS[text.trim().toLowerCase()] ?? text.trim();

function put(d: FwupdDevice, field: keyof FwupdDevice, value: string): void {
  if (field === 'guids') {
    const g = GUID.exec(value);
    if (g) {
      d.guids.push(g[1]!.toLowerCase());
      if (g[2]) d.instanceIds.push(g[2].trim());
    }
    return;
  }
  if (field === 'flags') {
    // fwupd 1.x and get-topology print `internal|updatable`; 1.3 and later a bullet per flag.
    for (const f of value.replace(/^•\s*/, '').split(value.includes('|') ? '|' : /\n/)) {
      if (!f.trim()) continue;
      d.flags.push(flagOf(f));
      if (FLAG_WORDS[f.trim().toLowerCase()] === undefined && !FLAG_NAMES.has(f.trim())) d.unknownFlags = (d.unknownFlags ?? 0) + 1;
    }
    return;
  }
  if (field === 'vendor') {
    const v = vendorOf(value);
    if (v.vendor !== undefined) d.vendor = v.vendor;
    if (v.vendorId !== undefined && d.vendorId === undefined) d.vendorId = v.vendorId;
    return;
  }
  if (field === 'updateState') {
    d.updateState = stateOf(value);
    return;
  }
  if (field === 'parent' || field === 'line' || field === 'instanceIds' || field === 'name' || field === 'unknownFlags' || field === 'releases') return;
  d[field] = value;
}

/** A tree line whose box characters a console or a page without UTF-8 turned into `?`: `??Name:`, `? ??Name:`, `?     Label:`. */
const MANGLED_BRANCH = /^([? ]*)\?\?(?=[^?\s])/;
const MANGLED_MARGIN = /^ *\?(?: |$)/;

/**
 * The tree as fwupdmgr printed it, when every box character became `?` (no `│`, `├`, `└` left, and a branch `??Name:`
 * among the lines): the margin's `?` are `│`, a branch's `??` is `├─`, a flag's bullet and a GUID's arrow are `•` and `←`.
 */
function unmangled(lines: TextLine[]): TextLine[] {
  if (lines.some((l) => /[│├└]/.test(l.text)) || !lines.some((l) => MANGLED_BRANCH.test(l.text) && /:\s*$/.test(l.text))) return lines;
  return lines.map((l) => {
    let text = l.text;
    const branch = MANGLED_BRANCH.exec(text);
    if (branch) text = `${branch[1]!.replace(/\?/g, '│')}├─${text.slice(branch[0].length)}`;
    else if (MANGLED_MARGIN.test(text)) {
      let margin = /^[? ]*/.exec(text)![0];
      // A flag's bullet under the one before it: its `?` far right of the margin's (`?       ? Updatable`).
      const bullet = /^(.*? {3,})\? $/.exec(margin);
      if (bullet && text.length > margin.length) margin = bullet[1]!;
      text = margin.replace(/\?/g, '│') + text.slice(margin.length);
    }
    text = text.replace(/(^[│\s]*\S[^:]*:\s+|^[│\s]+)\?(?= \S)/, '$1•').replace(/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s+\?\s+/i, '$1 ← ');
    return text === l.text ? l : { ...l, text };
  });
}

/** The device lines of the text, each with its device-list depth; other commands' outputs pasted with it are set aside. */
function readText(lines: TextLine[]): FwupdDevices {
  lines = unmangled(lines);
  const out: FwupdDevices = { form: 'tree', devices: [], issues: [] };
  let cur: FwupdDevice | undefined;
  /** The field whose list the next lines go on (GUIDs, flags), or `other` for a list fwupd prints that is not read (Device Requests). */
  let last: keyof FwupdDevice | 'other' | undefined;
  /** The devices open at each tree depth (the branch's column): a deeper device hangs under the one before it. */
  const open: { depth: number; index: number }[] = [];
  let foreign: string | undefined;
  /** The devices that are releases get-updates offers the device above them (`New version:`), by index. */
  const releases = new Set<number>();
  /** In a release's block: its lines (notes, description, testers) are read as the release's, not the device's. */
  let inRelease = false;
  /** Under get-updates' `Devices with no available firmware updates:` (or `… the latest available …`): a bullet per name. */
  let namesOnly = false;
  for (const [i, l] of lines.entries()) {
    if (l.command !== undefined && !LISTS.test(l.command)) {
      if (foreign !== l.command) out.issues.push({ line: l.no, text: l.text, message: `output of another command pasted with it (${l.command}), not read` });
      foreign = l.command;
      continue;
    }
    const text = l.text.replace(/\s+$/, '');
    const bare = text.replace(/^[│\s]+/, '');
    const branch = BRANCH.exec(text);
    if (branch && /^[├└]/.test(bare)) {
      const depth = branch[1]!.length;
      while (open.length && open[open.length - 1]!.depth >= depth) open.pop();
      cur = { name: branch[2]!, line: l.no, guids: [], instanceIds: [], flags: [], ...(open.length ? { parent: open[open.length - 1]!.index } : {}) };
      open.push({ depth, index: out.devices.length });
      out.devices.push(cur);
      last = undefined;
      inRelease = false;
      namesOnly = false;
      continue;
    }
    const marginal = !(/^\s/.test(text) || text.startsWith('│'));
    if (inRelease && !marginal) continue;
    inRelease = false;
    if (bare === '') {
      last = undefined;
      continue;
    }
    const indented = /^\s/.test(text) || text.startsWith('│');
    const field = indented ? fieldOf(bare) : null;
    const label = field?.[1]!.trim().toLowerCase();
    const key = label === undefined ? undefined : (FIELDS[label] ?? TRANSLATED_FIELDS.get(label));
    if (cur && field && label === NEW_VERSION && cur.parent !== undefined && cur.version === undefined) {
      // A release get-updates offers the device above it: the rest of its block describes the release.
      const parent = out.devices[cur.parent]!;
      (parent.releases ??= []).push(field[2]?.trim() ?? '');
      releases.add(out.devices.length - 1);
      inRelease = true;
      continue;
    }
    if (cur && field && label === UPDATE_VERSION && field[2] !== undefined) {
      (cur.releases ??= []).push(field[2].trim());
      last = 'other';
      continue;
    }
    if (cur && field) {
      last = key ?? 'other';
      if (key && field[2] !== undefined) put(cur, key, field[2].trim());
      continue;
    }
    if (cur && indented && (last === 'guids' || last === 'flags')) {
      put(cur, last, bare);
      continue;
    }
    if (cur && indented && last === 'other' && /^(?:•|[0-9a-f]{8}-)/i.test(bare)) continue;
    // fwupd 1.0–1.2: a device's name at the margin, its `Key:  value` fields indented under it.
    const next = lines[i + 1]?.text;
    if (!indented && !/:\s*$/.test(text) && next !== undefined && /^\s+[A-Za-z]+:\s/.test(next) && !next.trimStart().startsWith('│')) {
      out.form = 'list';
      cur = { name: text.trim(), line: l.no, guids: [], instanceIds: [], flags: [] };
      out.devices.push(cur);
      last = undefined;
      continue;
    }
    // The tree's root: the machine, above the first branch; fwupd 1.3's `○` when it names none.
    const below = lines[i + 1]?.text.trim() ?? '';
    if (!cur && out.host === undefined && !indented && (below === '│' || /^[├└]─/.test(below))) {
      if (text.trim() !== '○') out.host = text.trim();
      continue;
    }
    if (OWN.test(bare)) {
      namesOnly = /^Devices (?:with|that) /.test(bare);
      continue;
    }
    // Under a list of updates not yet reported, after the tree: a bullet per device, its version and the release's.
    if (namesOnly && !text.startsWith('│') && HISTORY_ENTRY.test(text)) continue;
    // get-updates' lists of the devices with no update, under their heading above the tree: names only.
    // (A console without UTF-8 prints the bullet as `?`, read as a margin above: ` │ Name`.)
    if (namesOnly && !cur && (/^•\s+\S/.test(bare) || /^\s+\S/.test(l.text)) && !text.startsWith('│')) continue;
    namesOnly = false;
    out.issues.push({ line: l.no, text: l.text, message: 'not a device, field or flag of fwupdmgr get-devices' });
  }
  if (releases.size) dropReleases(out, releases);
  // A translated output (fwupdmgr in the user's language): its flags say nothing fwsnap can read, not "none".
  const unread = out.devices.find((d) => d.flags.length > 0 && d.unknownFlags === d.flags.length);
  if (unread) out.issues.push({ line: unread.line, text: unread.name, message: 'device flags in words fwupdmgr\'s English output does not print (a translated output?): whether a device is updatable or needs a reboot is not told' });
  return out;
}

/** The devices without the releases among them, each device's parent renumbered. */
function dropReleases(out: FwupdDevices, releases: Set<number>): void {
  const renumber = new Map<number, number>();
  const kept: FwupdDevice[] = [];
  out.devices.forEach((d, n) => {
    if (releases.has(n)) return;
    renumber.set(n, kept.length);
    kept.push(d);
  });
  for (const d of kept) {
    if (d.parent === undefined) continue;
    const p = renumber.get(d.parent);
    if (p === undefined) delete d.parent;
    else d.parent = p;
  }
  out.devices = kept;
}

function readJson(doc: unknown): FwupdDevices | undefined {
  const list = (doc as { Devices?: unknown } | null)?.Devices;
  if (!Array.isArray(list)) return undefined;
  const out: FwupdDevices = { form: 'json', devices: [], issues: [] };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined) : str(v) !== undefined ? [str(v)!] : []);
  const parents: (string | undefined)[] = [];
  list.forEach((raw: unknown, n) => {
    const j = (raw ?? {}) as Record<string, unknown>;
    const d: FwupdDevice = { name: str(j.Name) ?? '', line: n + 1, guids: strs(j.Guid).map((g) => g.toLowerCase()), instanceIds: strs(j.InstanceIds), flags: strs(j.Flags) };
    const fields: [keyof FwupdDevice, unknown][] = [['deviceId', j.DeviceId], ['summary', j.Summary], ['plugin', j.Plugin], ['vendor', j.Vendor], ['serial', j.Serial], ['version', j.Version],
      ['versionFormat', j.VersionFormat], ['versionLowest', j.VersionLowest], ['versionBootloader', j.VersionBootloader], ['updateError', j.UpdateError]];
    for (const [k, v] of fields) if (str(v) !== undefined) (d as unknown as Record<string, string>)[k] = str(v)!;
    const vendorId = str(j.VendorId) ?? (strs(j.VendorIds).join('|') || undefined);
    if (vendorId !== undefined) d.vendorId = vendorId;
    // fwupd 1.x exported UpdateState as its number (0 unknown … 5 failed-transient).
    const state = typeof j.UpdateState === 'number' ? ['unknown', 'pending', 'success', 'failed', 'needs-reboot', 'failed-transient'][j.UpdateState] : str(j.UpdateState);
    if (state !== undefined) d.updateState = stateOf(state);
    // get-updates --json: the releases offered the device, each with its Version. get-devices' (fwupdagent's) Releases
    // hold the installed release too: a release is offered when its flags say `is-upgrade`, or (no flags) its version
    // is not the device's.
    const offered = (Array.isArray(j.Releases) ? (j.Releases as unknown[]) : [])
      .map((raw) => (raw ?? {}) as { Version?: unknown; Flags?: unknown })
      .filter((r) => (Array.isArray(r.Flags) ? r.Flags.includes('is-upgrade') : str(r.Version) !== d.version))
      .map((r) => str(r.Version))
      .filter((v): v is string => v !== undefined);
    if (offered.length) d.releases = offered;
    parents.push(str(j.ParentDeviceId));
    out.devices.push(d);
  });
  parents.forEach((p, n) => {
    const at = p === undefined ? -1 : out.devices.findIndex((d) => d.deviceId === p);
    if (at >= 0 && at !== n) out.devices[n]!.parent = at;
  });
  return out;
}

/**
 * `fwupdmgr get-devices` as saved or pasted (cleanText): the tree of fwupd 1.3 and later (`├─Name:`, `│   Current
 * version:`, a bullet per flag, `GUID ← instance ID`), the list of 1.0–1.2 (a name at the margin, `Version:`,
 * `Flags: internal|updatable`), or `--json` (`{"Devices": [...]}`, also fwupdagent's). A line that is none of these is
 * an issue with its number; the devices around it are kept.
 */
export function parseFwupdDevices(text: string): FwupdDevices {
  const body = /^\s*[{[]/m.test(text) ? jsonDocument(text) : undefined;
  if (body !== undefined) {
    try {
      const got = readJson(JSON.parse(body));
      if (got) return got;
    } catch {
      return { form: 'json', devices: [], issues: [{ line: 1, text: text.split('\n')[0] ?? '', message: 'JSON that does not parse' }] };
    }
  }
  return readText(cleanText(text).lines);
}
