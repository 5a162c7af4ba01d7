/**
 * A person's drive list, as saved at the top of a captured tree under a name of their own (`drives.csv`,
 * `disks.tsv`, `models.txt`): a table whose heading names a model and a firmware column (CSV, TSV, `;` or `|`
 * separated, a Markdown table), or the disks' sysfs attributes as `grep . /sys/block/*\/device/{model,rev}` prints
 * them (`/sys/block/sda/device/model:ST4000DM004-2CV1`), as `head` prints them (`==> /sys/block/sda/device/rev <==`),
 * or as `cat` commands typed with their output; or `cat /proc/scsi/scsi` (`Vendor: ATA      Model: Samsung SSD 860  Rev: 4B6Q`
 * under each `Host: scsi0 …` line). What tells such a file is its text; its name only where a Markdown
 * table may be another list's (driveListHeading).
 */

/** /proc/scsi/scsi's INQUIRY line: `Vendor: ATA      Model: Samsung SSD 860  Rev: 4B6Q` (vendor, model, rev), a person's note after it. */
export const PROC_SCSI_INQUIRY = /^Vendor: (.{0,8}?)\s*Model: (.{0,16}?)\s*Rev: ?(\S{0,4})(?:\s{2,}\S.*)?\s*$/;
/** /proc/scsi/scsi's address line: `Host: scsi0 Channel: 00 Id: 00 Lun: 00`. */
export const PROC_SCSI_HOST = /^Host: scsi\d+ Channel: \d+ Id: \d+ Lun: \d+/;

/** A disk's sysfs attribute path as the three forms print it: the disk, the attribute. */
export const SYSFS_DISK_ATTR = /\/sys\/(?:class\/)?block\/([a-z][a-z0-9]*)\/device\/(model|rev|vendor|firmware_rev|serial)\b/;
const SYSFS_GREP_LINE = new RegExp(`^\\s*${SYSFS_DISK_ATTR.source}:`);

/** Heading words, without case, spaces or punctuation, that name each column a drive list is read by. */
export const DRIVE_LIST_COLUMNS = {
  model: ['model', 'devicemodel', 'modelnumber', 'modelname', 'drivemodel', 'diskmodel', 'product'],
  firmware: ['firmware', 'firmwareversion', 'firmwarerevision', 'firmwarerev', 'firmwarever', 'fw', 'fwrev', 'fwver', 'fwversion', 'fwrevision', 'rev', 'revision', 'version'],
  serial: ['serial', 'serialnumber', 'sn', 'serialno'],
  name: ['device', 'name', 'dev', 'disk', 'drive', 'kname', 'path', 'node', 'devicename', 'devnode'],
  bus: ['bus', 'transport', 'tran', 'interface', 'protocol', 'type', 'kind'],
  vendor: ['vendor'],
} as const;
export type DriveListColumn = keyof typeof DRIVE_LIST_COLUMNS;

export const headingWord = (cell: string): string => cell.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The column a heading cell names, if any. */
export function columnOf(cell: string): DriveListColumn | undefined {
  const w = headingWord(cell);
  return (Object.keys(DRIVE_LIST_COLUMNS) as DriveListColumn[]).find((c) => (DRIVE_LIST_COLUMNS[c] as readonly string[]).includes(w));
}

/** Columns aligned with spaces (a TSV whose tabs a paste turned into spaces, a table typed by hand): two spaces or more apart. */
export const ALIGNED = '  ';

/**
 * The separator of a heading line: a tab, `,`, `;` or `|` between cells naming a model and a firmware column, or
 * runs of two spaces or more between such headings alone (ALIGNED).
 */
export function headingSeparator(line: string): string | undefined {
  for (const sep of ['\t', ',', ';', '|']) {
    if (!line.includes(sep)) continue;
    const cols = line.split(sep).map((c) => columnOf(c.trim().replace(/^"(.*)"$/, '$1')));
    if (cols.includes('model') && cols.includes('firmware')) return sep;
  }
  const words = line.trim().split(/\s{2,}/);
  const cols = words.map(columnOf);
  return words.length >= 2 && cols.includes('model') && cols.includes('firmware') && cols.every((c) => c !== undefined) ? ALIGNED : undefined;
}

/** Heading words of columns that describe a drive though the list is not read by them (its size, health, place). */
const DRIVE_ATTRIBUTE_COLUMNS = new Set(['size', 'capacity', 'health', 'smart', 'smarthealth', 'smartstatus', 'temperature', 'temp',
  'hours', 'poweronhours', 'wear', 'wearout', 'tbw', 'rpm', 'rotation', 'formfactor', 'slot', 'bay', 'port', 'location', 'count', 'qty']);

/**
 * A file's name that says a person saved it as a list of drives (`drives.md`, `disk inventory.txt`, `ssd_models.csv`):
 * a word of it names drives, disks, SSDs, HDDs or models.
 */
export function driveListName(name: string): boolean {
  const stem = name.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
  return stem.toLowerCase().split(/[^a-z]+/).some((w) => /^(?:drives?|disks?|harddisks?|harddrives?|ssds?|hdds?|nvmes?|models?|storage)$/.test(w));
}

/**
 * The separator of a heading that starts a drive list in a file of this name: a Markdown table (a README's, a report's
 * of every part of a host, NICs and BIOS among them) only in a file saved as a list of drives (driveListName), or when
 * every one of its columns is a drive's; any other heading as headingSeparator finds it. Without a name, any.
 */
export function driveListHeading(line: string, name?: string): string | undefined {
  const sep = headingSeparator(line);
  if (sep !== '|' || name === undefined || driveListName(name)) return sep;
  const cells = line.split('|').map((c) => c.trim()).filter((c, i, all) => c !== '' || (i > 0 && i < all.length - 1));
  return cells.every((c) => columnOf(c) !== undefined || DRIVE_ATTRIBUTE_COLUMNS.has(headingWord(c))) ? sep : undefined;
}

/** Whether a text is a drive list in one of the forms read (looked at in its first lines only), saved under this name. */
export function isDriveListText(text: string, name?: string): boolean {
  const lines = text.slice(0, 64 * 1024).split(/\r?\n/);
  if (lines.slice(0, 40).some((l) => driveListHeading(l, name) !== undefined)) return true;
  if (lines.some((l) => PROC_SCSI_INQUIRY.test(l.trim()))) return true;
  return lines.filter((l) => SYSFS_GREP_LINE.test(l) || /^\s*==> \/sys\/(?:class\/)?block\/[a-z][a-z0-9]*\/device\/(?:model|rev|firmware_rev) <==/.test(l)
    || /\bcat\s+["']?\/sys\/(?:class\/)?block\/[a-z][a-z0-9]*\/device\/(?:model|rev|firmware_rev)["']?\s*$/.test(l)).length >= 1;
}
