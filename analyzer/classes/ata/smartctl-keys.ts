/**
 * The keys smartctl prints as `Key: value` lines in its information section, as real outputs of smartmontools 5.x to
 * 7.5 show them (the corpora of test/ata and test/nvme): ATA, SCSI and NVMe drives, the lines -g/-s add, and its own
 * diagnostics printed among them. A key is compared with its runs of spaces made one, a hex value in parentheses
 * (`Firmware Updates (0x16)`) and a namespace's number left out. A line of another key is no line smartctl prints there
 * (a person's `Note: …`, a key a copy garbled): the reader records it as unread and keeps no value of it.
 */
const KEYS = [
  // ATA
  'Model Family', 'Device Model', 'Serial Number', 'LU WWN Device Id', 'Add. Product Id', 'Firmware Version', 'User Capacity',
  'Sector Size', 'Sector Sizes', 'Rotation Rate', 'Form Factor', 'TRIM Command', 'Zoned Device', 'Device is', 'ATA Version is',
  'ATA Standard is', 'SATA Version is', 'Transport Type', 'Local Time is', 'SMART support is', 'AAM feature is', 'AAM level is', 'APM feature is',
  'APM level is', 'Rd look-ahead is', 'Write cache is', 'DSN feature is', 'ATA Security is', 'Wt Cache Reorder', 'Power mode was',
  'Power mode is', 'SCT Write Cache Control',
  // SCSI
  'Vendor', 'Product', 'Revision', 'Compliance', 'Logical block size', 'Physical block size', 'Lowest aligned LBA',
  'LB provisioning type', 'Logical Unit id', 'Serial number', 'Device type', 'Transport protocol', 'Temperature Warning',
  'Read Cache is', 'Writeback Cache is', 'SMART Health Status', 'Current Drive Temperature', 'Drive Trip Temperature',
  'Percentage used endurance indicator',
  // NVMe
  'Model Number', 'PCI Vendor ID', 'PCI Vendor/Subsystem ID', 'PCI Vendor Subsystem ID', 'IEEE OUI Identifier',
  'Total NVM Capacity', 'Unallocated NVM Capacity', 'Controller ID', 'NVMe Version', 'Number of Namespaces',
  'Namespace Size/Capacity', 'Namespace Size', 'Namespace Capacity', 'Namespace Utilization', 'Namespace Formatted LBA Size', 'Namespace IEEE EUI-64',
  'Namespace Features', 'Firmware Updates', 'Optional Admin Commands', 'Optional NVM Commands', 'Log Page Attributes',
  'Maximum Data Transfer Size', 'Warning Comp. Temp. Threshold', 'Critical Comp. Temp. Threshold',
  // smartctl's own diagnostics
  'A mandatory SMART command failed',
];

const known = new Set(KEYS);

/**
 * smartctl's word that a command it sends for -i/-a/-x failed (ataprint.cpp: `Read SMART Data failed: scsi error aborted
 * command`, `Read Device Identity failed: …`, `SMART Status command failed: …`), printed under the information lines.
 */
const READ_FAILED = /^(?:Read (?:Device Identity|SMART Data|SMART Thresholds|SMART Log Directory|SMART Error Log|SMART Self-test Log|SCT Status) failed|SMART (?:Enable|Disable|Status command) failed)$/;

/** Whether smartctl prints this key in its information section. */
export function smartctlKey(key: string): boolean {
  const k = key.replace(/\s+/g, ' ').replace(/ \(0x[0-9a-f]+\)$/i, '').replace(/^Namespace \d+ /, 'Namespace ').trim();
  return known.has(k) || /^(?:Read|Write) SCT \((?:Get|Set)\) .* Command failed$/.test(k) || READ_FAILED.test(k);
}

/** Whether a line is the start of a key smartctl prints (`Optional Admin` of `Optional Admin Commands`): a line cut short, no value's rest. */
export function smartctlKeyStart(line: string): boolean {
  const t = line.replace(/\s+/g, ' ').trim();
  return t.length >= 4 && KEYS.some((k) => k.startsWith(t));
}
