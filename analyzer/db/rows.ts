import type { SqlValue, TableWriter } from './class-tables.js';
import type { StoredVendorData } from '../vendor-data/vendor-data.js';

/** Row shapes the loaders hand to the FactSink; column meanings are in docs/schema.md, the facts each class emits in docs/facts.md. */

export interface DeviceRow {
  key: string;
  /** A device class some class declares (analyzer/classes/<name>/facts.ts). */
  class: string;
  pciAddress?: string | null;
  parentKey?: string | null;
  vendorId?: number | null;
  deviceId?: number | null;
  subsystemVendorId?: number | null;
  subsystemDeviceId?: number | null;
  classCode?: number | null;
  revision?: number | null;
  driver?: string | null;
  model?: string | null;
  serial?: string | null;
  /** The drive this device is, when a loader can say (docs/schema.md, one drive one device): devices of one drive are folded into one. */
  drive?: DriveIdentity;
}

/** What names a drive whatever key a loader gave it: its serial on its bus, and its world wide name when read. */
export interface DriveIdentity {
  /** The command set the serial was read with: an NVMe controller's SN, a SCSI unit serial number (VPD 0x80), an ATA IDENTIFY serial. */
  bus: 'ATA' | 'NVMe' | 'SCSI';
  serial: string;
  /** NAA, EUI-64 or NGUID as read (VPD 0x83, smartctl's `Logical Unit id`); two that differ are two drives. */
  wwn?: string;
  /** How the key names the drive: the host's own name (sysfs), a /dev node an output names, or what the output gives of itself. */
  named: 'kernel' | 'node' | 'own';
}

export type FirmwareState = 'running' | 'stored' | 'fixed' | 'pending' | `slot-${number}`;

export interface FirmwareRow {
  deviceKey: string;
  component: string;
  version: string;
  state: FirmwareState;
  /** Version scheme; guessed from the device when absent. */
  scheme?: string;
  /** The family the version belongs to when the version alone does not say it (a microcode revision's CPU signature). */
  family?: string;
  artifact?: string;
}

export type SettingMode = 'current' | 'next_boot' | 'default' | 'runtime' | 'driverinit' | 'permanent';

export interface SettingRow {
  deviceKey: string;
  namespace: string;
  key: string;
  value: string | number | boolean | null;
  mode: SettingMode;
  artifact?: string;
}

export interface RegisterRow {
  deviceKey: string;
  space: string;
  offset: number;
  value: number;
  artifact?: string;
}

/** A run of registers in one go: `words` holds 32-bit big-endian words, the first at byte `offset` of the space. */
export interface RegisterDumpRow {
  deviceKey: string;
  space: string;
  offset: number;
  words: Buffer;
  artifact?: string;
}

export interface RegisterFieldRow {
  deviceKey: string;
  register: string;
  field: string;
  value: string | number | bigint | null;
  note?: string | null;
  artifact?: string;
}

/** Everything a loader may record. Rows carry the artifact they came from, so unverified input can be withdrawn. */
export interface FactSink {
  device(d: DeviceRow): void;
  firmware(f: FirmwareRow): void;
  setting(s: SettingRow): void;
  /**
   * A row of a table a class declares (its tables.ts): the columns but bundle_id and the artifact column, which the
   * sink fills (the artifact given, else the one being loaded).
   */
  row(table: string, values: Readonly<Record<string, SqlValue>>, artifact?: string): void;
  /** Content kept once per database in a class's content table by its sha256 (32 bytes); returns its id. */
  content(table: string, sha256: Buffer, values: Readonly<Record<string, SqlValue>>): number;
  register(r: RegisterRow): void;
  /** Many registers at once (a dump): stored as one blob, the same rows as register() word by word. */
  registerDump(d: RegisterDumpRow): void;
  registerField(f: RegisterFieldRow): void;
  /** The writer a class declares for its own tables (ClassTables.writer), made once per bundle. */
  tables<W>(writer: TableWriter<W>): W;
  /** Vendor data (pci.ids, register layouts, a configuration database) the load used or needed and lacked; named in reports. */
  vendorData(v: StoredVendorData): void;
  /** A problem found while loading (parse error, inconsistent data), shown in reports. */
  issue(code: string, message: string, target?: string): void;
}
