import type { SettingMode } from '../db/rows.js';
import type { VersionScheme } from '../version/types.js';

/**
 * How a setting's value is typed. Values are stored as text; the type says what a loader hands the sink and
 * which comparisons a rule may make:
 * - `boolean`: true/false (stored 1/0); rules compare with eq/ne true or false.
 * - `integer`, `number`: numbers (integers above 2^53 as their decimal string); eq/ne/in numbers, lt/le/gt/ge.
 * - `string`: text, optionally one of `values`; eq/ne/in strings, glob.
 * - `list`: comma-separated text; eq/ne strings, glob.
 * - `text`: text as a device or tool printed it, whose type nothing fixes (sysfs attributes, module
 *   parameters, mlxconfig values): any comparison (numbers, boolean words such as Y/N, strings).
 */
export type ValueType = 'boolean' | 'integer' | 'number' | 'string' | 'list' | 'text';

export interface KeyDeclaration {
  type: ValueType;
  /** Unit of a number (ms, W, K, bytes…). */
  unit?: string;
  /** The only values a `string` key takes (the parser produces nothing else). */
  values?: readonly string[];
  doc?: string;
}

/**
 * Keys a loader takes from the data itself (sysfs attribute names, module parameters, mlxconfig parameter
 * names, devlink param names): any key matching `pattern` is accepted with this value type. Fixed keys of
 * the same namespace are still declared one by one in `keys`, so renaming one of them is caught.
 */
export interface OpenKeys {
  type: ValueType;
  /** Where the key names come from (shown in docs/facts.md). */
  source: string;
  pattern?: RegExp;
  /** Modes of the open keys when they differ from the namespace's. */
  modes?: readonly SettingMode[];
}

export interface SettingsDeclaration {
  /** Exact name, or a pattern with one `*` for namespaces named after data (`module:*`). */
  namespace: string;
  /** Device classes whose devices carry it. */
  devices: readonly string[];
  /** Modes its rows may have; `current` when not given. */
  modes?: readonly SettingMode[];
  keys?: Readonly<Record<string, KeyDeclaration>>;
  open?: OpenKeys;
  doc: string;
}

export interface FirmwareDeclaration {
  /** Device classes whose devices carry it. */
  devices: readonly string[];
  /** Component name, or `pattern` for names taken from the data (devlink version names). */
  component: string;
  pattern?: RegExp;
  /** States its rows may have; `slot-*` stands for every `slot-<n>`. */
  states: readonly string[];
  /** The version scheme the loader sets, or `guessed` (from vendor, driver and component at load). */
  scheme: VersionScheme | 'guessed';
  doc: string;
}

export interface DeviceDeclaration {
  /** The `devices.class` value. */
  class: string;
  /** Shape of `devices.device_key`. */
  key: string;
  doc: string;
}

export interface RegisterDeclaration {
  /** `registers.space` exactly, or a pattern with one `*`. */
  space?: string;
  /** `register_fields.register` exactly; its fields are named by `fields`. */
  register?: string;
  devices: readonly string[];
  /** Where field names come from (register layouts), for register_fields. */
  fields?: string;
  doc: string;
}

/** A field of a rule test a class reads: `lines`, a list of text lines (e.g. a kernel log the test's bundle holds). */
export interface RuleTestFieldDeclaration {
  name: string;
  type: 'lines';
  doc: string;
}

/** Everything one device class emits into the database, as data: the contract between its loaders and the rules. */
export interface ClassFacts {
  /** The class name (folder name under analyzer/classes/). */
  name: string;
  devices: readonly DeviceDeclaration[];
  firmware: readonly FirmwareDeclaration[];
  settings: readonly SettingsDeclaration[];
  registers?: readonly RegisterDeclaration[];
  /** Tables it fills besides devices, firmware and settings (the tables it declares itself): other classes' rules read them only by `reads`. */
  tables?: readonly string[];
  /** Classes whose tables this class's rules read (rule validation refuses an sql rule reading another class's table otherwise). */
  reads?: readonly string[];
  /** Fields of a rule test this class turns into facts (its ruleTestFacts), besides the shared ones (devices, kernel…). */
  testFields?: readonly RuleTestFieldDeclaration[];
  doc: string;
}
