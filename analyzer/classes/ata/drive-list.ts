import { cleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { looksLikeProse } from '../../parsers/prose.js';
import { ALIGNED, columnOf, driveListHeading, PROC_SCSI_HOST, PROC_SCSI_INQUIRY, SYSFS_DISK_ATTR, type DriveListColumn } from '../../../collector/classes/ata/drive-list-text.js';

/** One drive of a person's drive list, as the list gives it. */
export interface ListedDrive {
  /** The disk's name when the list gives one (`sda`, `nvme0n1`; a `/dev/` path without it). */
  name?: string;
  model?: string;
  firmware?: string;
  serial?: string;
  /** What the list says of the drive's bus (`SATA`, `NVMe`, `SAS`, `usb`), or sysfs's vendor (`ATA`). */
  bus?: string;
  vendor?: string;
  /**
   * Where the values were read: a table a person made, sysfs's attributes or /proc/scsi/scsi (an ATA model and rev in
   * either are the SCSI INQUIRY's).
   */
  from: 'table' | 'sysfs' | 'proc-scsi';
  /** Heading words that name the model column (`Device Model`, `Model Number`), which say the bus as smartctl's labels do. */
  modelHeading?: string;
  /** 1-based line of the row (of the first attribute, for sysfs). */
  line: number;
}

export interface DriveList {
  drives: ListedDrive[];
  issues: LineIssue[];
}

/** A placeholder a person puts for a value the list lacks. */
const NONE = /^(?:|-+|n\/?a|none|null|unknown|\?+)$/i;
const value = (s: string | undefined): string | undefined => {
  const v = s?.trim().replace(/^"(.*)"$/s, '$1').replace(/""/g, '"').trim();
  return v === undefined || NONE.test(v) ? undefined : v;
};

/** Cells of a separated line; double quotes hold a separator (CSV). */
function cells(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' && (quoted ? line[i + 1] !== '"' : cur.trim() === '')) quoted = !quoted;
    else if (c === '"' && quoted) {
      cur += '""';
      i++;
    } else if (c === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  // A Markdown table's outer bars.
  if (sep === '|') {
    if (out[0]!.trim() === '') out.shift();
    if (out.length && out.at(-1)!.trim() === '') out.pop();
  }
  return out;
}

/**
 * A row of a table aligned with spaces: its cells two spaces or more apart (a model holds single spaces), as many as the
 * heading's; else cut where the heading's columns start.
 */
function alignedCells(line: string, starts: number[]): string[] {
  const words = line.trim().split(/\s{2,}/);
  return words.length === starts.length ? words : starts.map((s, i) => line.slice(i === 0 ? 0 : s, starts[i + 1]));
}

function parseTable(lines: { no: number; text: string }[], at: number, sep: string): DriveList {
  const out: DriveList = { drives: [], issues: [] };
  const starts = sep === ALIGNED ? [...lines[at]!.text.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index) : [];
  const split = (line: string): string[] => (sep === ALIGNED ? alignedCells(line, starts) : cells(line, sep));
  const heading = split(lines[at]!.text);
  const cols = heading.map((h) => columnOf(h.trim().replace(/^"(.*)"$/, '$1')));
  // The first column of each kind is read (a `name` and a `device` column: the first).
  const index = new Map<DriveListColumn, number>();
  cols.forEach((c, i) => {
    if (c && !index.has(c)) index.set(c, i);
  });
  const modelHeading = heading[index.get('model')!]!.trim();
  for (const { no, text } of lines.slice(at + 1)) {
    if (text.trim() === '') continue;
    if (sep === '|' && /^\s*\|?[\s:|-]+\|?\s*$/.test(text)) continue; // a Markdown table's rule
    const row = split(text);
    // A person's sentence between the rows (`These two are the new shelf, bought in May.`) is theirs, not a drive.
    if (looksLikeProse(text) && !(sep === '\t' && row.length >= 2)) {
      out.issues.push({ line: no, text, message: 'a person\'s words between the rows of the drive list' });
      continue;
    }
    if (row.length < 2 || (sep === ALIGNED && !/\S\s{2,}\S/.test(text.trim()))) {
      out.issues.push({ line: no, text, message: 'not a row of the drive list: no separator' });
      continue;
    }
    const get = (c: DriveListColumn): string | undefined => (index.has(c) ? value(row[index.get(c)!]) : undefined);
    const model = get('model');
    if (!model) {
      out.issues.push({ line: no, text, message: 'a row of the drive list with no model' });
      continue;
    }
    const name = get('name')?.replace(/^\/dev\//, '');
    const d: ListedDrive = { model, from: 'table', modelHeading, line: no };
    const fw = get('firmware');
    if (fw) d.firmware = fw;
    const serial = get('serial');
    if (serial) d.serial = serial;
    if (name && /^[a-z][a-z0-9]*$/.test(name)) d.name = name;
    const bus = get('bus');
    if (bus) d.bus = bus;
    const vendor = get('vendor');
    if (vendor) d.vendor = vendor;
    out.drives.push(d);
  }
  return out;
}

/**
 * The disks' sysfs attributes as grep (`path:value`), head (`==> path <==` then the value) or typed cat commands
 * (`$ cat path` then the value) print them: one drive per disk, its model, rev (firmware_rev for NVMe), vendor
 * and serial. A line that is none of these is an issue with its number.
 */
function parseSysfs(lines: TextLine[]): DriveList {
  const out: DriveList = { drives: [], issues: [] };
  const byDisk = new Map<string, ListedDrive>();
  const put = (disk: string, attr: string, v: string, line: number): void => {
    const d = byDisk.get(disk) ?? { name: disk, from: 'sysfs' as const, line };
    byDisk.set(disk, d);
    const val = value(v);
    if (val === undefined) return;
    if (attr === 'model') d.model = val;
    else if (attr === 'rev' || attr === 'firmware_rev') d.firmware = val;
    else if (attr === 'vendor') d.vendor = val;
    else if (attr === 'serial') d.serial = val;
  };
  let pending: { disk: string; attr: string; command?: string } | undefined;
  for (const { no, text, command } of lines) {
    const m = SYSFS_DISK_ATTR.exec(text);
    const after = m ? text.slice(m.index + m[0].length) : '';
    // The value under a typed `cat /sys/block/sda/device/model` (the text layer gives each line the command it is under).
    const catOf = command !== undefined ? new RegExp(`^(?:sudo\\s+)?cat\\s+["']?${SYSFS_DISK_ATTR.source}["']?\\s*$`).exec(command) : null;
    if (m && after.startsWith(':')) {
      put(m[1]!, m[2]!, after.slice(1), no);
      pending = undefined;
    } else if (m && ((/^\s*==> $/.test(text.slice(0, m.index)) && /^ <==\s*$/.test(after)) || (/^\s*(?:sudo\s+)?cat\s+["']?$/.test(text.slice(0, m.index)) && /^["']?\s*$/.test(after)))) {
      // head's heading, or a cat command typed without a prompt the text layer knows.
      pending = { disk: m[1]!, attr: m[2]! };
    } else if (pending) {
      put(pending.disk, pending.attr, text, no);
      pending = undefined;
    } else if (catOf && !byDisk.get(catOf[1]!)?.[catOf[2] === 'rev' || catOf[2] === 'firmware_rev' ? 'firmware' : catOf[2] as 'model' | 'vendor' | 'serial']) {
      put(catOf[1]!, catOf[2]!, text, no);
    } else out.issues.push({ line: no, text, message: 'not a disk attribute of sysfs' });
  }
  out.drives = [...byDisk.values()].filter((d) => d.model !== undefined || d.firmware !== undefined);
  return out;
}

/**
 * `cat /proc/scsi/scsi`: each device the SCSI layer attached, `Host: scsi0 Channel: 00 Id: 00 Lun: 00`, then its INQUIRY
 * strings (`Vendor: ATA      Model: Samsung SSD 860  Rev: 4B6Q`: 8, 16 and 4 characters) and its `Type:`. A disk
 * (Direct-Access, or no Type line) is a drive; an optical drive, an enclosure or a RAID controller's own unit is not.
 * A line that is none of these is an issue with its number.
 */
function parseProcScsi(lines: TextLine[]): DriveList {
  const out: DriveList = { drives: [], issues: [] };
  let last: ListedDrive | undefined;
  for (const { no, text } of lines) {
    const t = text.trim();
    const inq = PROC_SCSI_INQUIRY.exec(t);
    if (inq) {
      const model = value(inq[2]);
      last = { from: 'proc-scsi', line: no, ...(model ? { model } : {}) };
      const vendor = value(inq[1]);
      if (vendor) last.vendor = vendor;
      const rev = value(inq[3]);
      if (rev) last.firmware = rev;
      out.drives.push(last);
    } else if (/^Type:\s+(\S+)/.test(t)) {
      if (last && !/^Type:\s+Direct-Access\b/.test(t)) out.drives.pop();
      last = undefined;
    } else if (!(PROC_SCSI_HOST.test(t) || /^Attached devices:\s*$/.test(t) || t === '')) out.issues.push({ line: no, text, message: 'not a line of /proc/scsi/scsi' });
  }
  out.drives = out.drives.filter((d) => d.model !== undefined);
  return out;
}

/** A person's drive list saved under `name` (collector/classes/ata/drive-list-text.ts says which texts are one). */
export function parseDriveList(text: string, name?: string): DriveList {
  // A table is read from the lines as saved: the text layer would take its tabs for alignment and a Markdown table
  // for prose. Lines above the heading are the person's words about the list; a fence around it is the writer's.
  const raw = text.split('\n').map((t, i) => ({ no: i + 1, text: t.replace(/\r$/, '') })).filter((l) => !/^\s*(?:```|~~~)/.test(l.text));
  const at = raw.findIndex((l) => driveListHeading(l.text, name) !== undefined);
  if (at >= 0) return parseTable(raw, at, driveListHeading(raw[at]!.text, name)!);
  const lines = cleanText(text).lines;
  if (lines.some((l) => PROC_SCSI_INQUIRY.test(l.text.trim()))) return parseProcScsi(lines);
  return parseSysfs(lines);
}
