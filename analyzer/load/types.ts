import type { ArtifactRecord } from '../../bundle/format.js';
import type { ManifestHead } from '../../bundle/reader.js';
import type { ClassTables, SqlValue } from '../db/class-tables.js';
import type { Db } from '../db/database.js';
import type { DeviceRow, DriveIdentity, FactSink, FirmwareRow } from '../db/rows.js';
import type { ClassFacts } from '../facts/types.js';
import type { BuiltinCheck, VendorDataOption } from '../rules/builtin.js';
import type { RuleTest, RuleTestDevice } from '../rules/types.js';
import type { SchemeGuides, SchemeHandler } from '../version/index.js';

/** What a class loader sees of one bundle: its verified artifacts and a sink for facts. */
export interface LoadContext {
  readonly sink: FactSink;
  readonly manifest: ManifestHead | undefined;
  /** Names of verified artifacts, sorted; optionally only those matching. */
  names(match?: RegExp): string[];
  /** Names that start with `prefix`, sorted; found by binary search, so a loader can ask per device. */
  under(prefix: string): string[];
  get(name: string): Buffer | undefined;
  /** UTF-8 text of an artifact, trimmed of the trailing newline sysfs adds; undefined when absent. */
  text(name: string): string | undefined;
  record(name: string): ArtifactRecord | undefined;
  /** An artifact's UTF-8 lines, read piece by piece (for artifacts too long to hold as one string). */
  lines(name: string): Iterable<string> | undefined;
  /**
   * Runs a parser on an artifact; a ParseError (or any throw) is recorded against the artifact and
   * yields undefined, so one bad artifact never stops the load.
   */
  parse<T>(name: string, parser: string, fn: (data: Buffer) => T): T | undefined;
  /** Devices recorded so far by the loaders that ran before (key, class, model, serial, parent). */
  devices(): Pick<DeviceRow, 'key' | 'class' | 'model' | 'serial' | 'parentKey'>[];
  /** The drive a device loaded so far declared itself to be (its serial, world wide name), if it did. */
  drive(deviceKey: string): DriveIdentity | undefined;
  /** Firmware rows recorded so far for one device. */
  firmware(deviceKey: string): readonly FirmwareRow[];
  /**
   * Rows the loaders that ran before wrote for this bundle, read by one SELECT with the bundle's id bound to @bundle
   * (and `params` to their @names), one at a time: nothing may be written while they are read. A class reads another
   * class's tables this way only when its facts declare `reads` of that class, which then loads before it.
   */
  query(sql: string, params?: Readonly<Record<string, SqlValue>>): IterableIterator<Record<string, unknown>>;
}

/** Turns the artifacts of one device class into rows. One module per class under analyzer/load/. */
export interface ClassLoader {
  name: string;
  load(ctx: LoadContext): void;
}

/**
 * For artifacts too large to keep in memory (register dumps): handled as they stream past, before
 * verification; their rows are withdrawn if the artifact turns out not to verify.
 */
export interface StreamingLoader {
  name: string;
  match: RegExp;
  onArtifact(name: string, data: Buffer, sink: FactSink): void;
}

/** A device class as the analyzer knows it (registered in analyzer/classes/index.ts). */
export interface AnalyzerClass {
  name: string;
  /** Run in registration order, class after class. */
  loaders: ClassLoader[];
  streaming?: StreamingLoader[];
  /** Every fact its loaders emit (analyzer/classes/<name>/facts.ts); the sink refuses any other. */
  facts: readonly ClassFacts[];
  /** Tables, views and SQL functions of its own (facts the shared tables do not hold); the database code creates them. */
  tables?: ClassTables;
  /** Builtin checks its rules name with `check:`, by name. */
  checks?: Record<string, BuiltinCheck>;
  /** Command-line options naming vendor data its checks read (added to analyze, check and rules test). */
  vendorDataOptions?: readonly VendorDataOption[];
  /**
   * Keys of devices whose serial is the machine's own (platform: the DMI system): `fwsnap fleet` tells two hosts that
   * share a hostname apart by it.
   */
  machineDevices?: readonly string[];
  /** How the report's inventory shows the devices of each device class this class records (key: devices.class). */
  inventory?: Record<string, DeviceInventoryRole>;
  /** Settings `fwsnap diff` compares (configuration a person set, not counters or state that changes by itself). */
  compared?: ComparedSettings[];
  /** Version schemes this class defines, by name: the formats of its devices' firmware versions (registered with analyzer/version). */
  schemes?: Readonly<Record<string, SchemeHandler>>;
  /** Which version scheme a firmware row uses when its loader names none: by component, driver or PCI vendor. */
  versionSchemes?: SchemeGuides;
  /**
   * Runs once per bundle after every loader: names the devices (devices.vendor_name, device_name) from vendor data
   * and records in vendor_data which it used (pci: pci.ids). `artifact` gives a verified artifact and whether it was cut.
   */
  nameDevices?: (db: Db, bundleId: number, artifact: (name: string) => { data: Buffer; truncated: boolean } | undefined) => void;
  /** Facts a rule test's own fields describe in this class's terms (kernel-log: the `kernel_log` lines, read as kmsg records). */
  ruleTestFacts?: (test: RuleTest, sink: FactSink, devices: readonly RuleTestDevice[]) => void;
  /**
   * What to do about a shared rule's finding on a device whose driver or tools this class knows take other advice
   * than the rule's (a ConnectX-3 has no devlink fw_activate), by rule id: the remediation, or undefined for the rule's own.
   */
  remediations?: Readonly<Record<string, (db: Db, bundleId: number, deviceKey: string) => string | undefined>>;
}

export interface ComparedSettings {
  /** Exact namespace, or a prefix ending in `*` (`module:*`). */
  namespace: string;
  /** Only these modes (default: every mode). */
  modes?: string[];
  /** Only keys matching (default: every key). */
  keys?: RegExp;
  /** How a reader calls them: `NV config`, `module parameter`. */
  label: string;
}

/**
 * A device class in the inventory. Without a declaration a device with a parent is part of its parent's
 * entry and one without is an entry of its own.
 */
export interface DeviceInventoryRole {
  /** 'device': an entry of its own even though it has a parent; 'part': folded into its owner's entry. */
  role?: 'device' | 'part';
  /**
   * How the key's name (after the first ':') shows in the owner's location: a network interface, a /dev node, or not
   * at all; 'address': the device is the entry's bus function, whose address is the location and whose ids and
   * pci.ids names name the entry.
   */
  location?: 'interface' | 'dev' | 'none' | 'address';
  /**
   * With location 'dev': whether a key's name is a node of the host. A name the class gave a device whose output named
   * no node (a pasted smartctl output, known by its serial) is none, and the entry shows no place rather than a made-up path.
   */
  isNode?: (name: string) => boolean;
  /**
   * What an entry of this class is called when no bus function names it: the noun, then the device's model or
   * its key's name (`network interface lo`, `Linux kernel 6.1.0-18-amd64`).
   */
  noun?: string;
  /**
   * What an entry of this class that says nothing of itself (no model, no bus function's name: an NVMe controller
   * known only from `nvme fw-log`) is called before its address: `NVMe controller /dev/nvme1`, not a bare node.
   */
  unnamedNoun?: string;
  /** Where a device of this class is, as a person says it, when its key is no bus address (a switch reached in band: `LID 0x0047 (in band)`). */
  place?: (key: string) => string;
  /** Values of a remediation text's placeholders (`<port>`) for a device of this class, from its key. */
  placeholders?: (key: string) => Record<string, string>;
}
