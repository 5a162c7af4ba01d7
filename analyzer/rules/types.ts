export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type RuleResult = 'fail' | 'pass' | 'skip' | 'error';
/** What a rule test may expect: a result for the device, or that the rule did not select it at all. */
export type TestExpectation = RuleResult | 'not_applicable';

export interface AppliesTo {
  class?: string[];
  vendor_id?: number[];
  device_id?: number[];
  subsystem_vendor_id?: number[];
  subsystem_device_id?: number[];
  driver?: string[];
  /** Kernel glob on the device model (full string). */
  model?: string[];
  /** Kernel globs on the model that exclude a device (earlier entries of a first-match quirk table). */
  not_model?: string[];
  key?: string[];
}

export interface VersionOps {
  lt?: string;
  le?: string;
  eq?: string;
  ne?: string;
  ge?: string;
  gt?: string;
  in?: string[];
  glob?: string;
  /** [from, to): from inclusive, to exclusive. */
  range?: [string, string];
  /** true: the version is a sentinel meaning unknown; false: it is known. */
  unknown?: boolean;
}

export interface FirmwareCondition extends VersionOps {
  component: string;
  state?: string;
  scheme?: string;
}

export interface SettingCondition {
  namespace: string;
  key: string;
  /** Matches any mode when absent. */
  mode?: string;
  /** Device whose setting is read; defaults to the device under test ("kernel" for kernel-wide settings). */
  device?: string;
  eq?: string | number | boolean;
  ne?: string | number | boolean;
  in?: (string | number)[];
  glob?: string;
  lt?: number;
  le?: number;
  gt?: number;
  ge?: number;
  /** false: fails when the setting is absent (instead of skipping). */
  exists?: boolean;
}

export interface KernelCondition extends Omit<VersionOps, 'unknown'> {}

/** The device's model against kernel globs: holds when any matches (a first-match table's earlier entries). */
export interface ModelCondition {
  glob: string | string[];
}

export type Condition =
  | { firmware: FirmwareCondition }
  | { model: ModelCondition }
  | { setting: SettingCondition }
  | { kernel: KernelCondition }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface RuleTestDevice {
  key: string;
  class: string;
  pci_address?: string;
  parent_key?: string;
  vendor_id?: number;
  device_id?: number;
  subsystem_vendor_id?: number;
  subsystem_device_id?: number;
  /** The PCI class code (`0x030000` a VGA controller); a PCI device rendered without one is an NVMe controller (0x010802). */
  class_code?: number;
  driver?: string;
  model?: string;
  /** component → version (state running), or full rows. */
  firmware?: Record<string, string> | { component: string; version: string; state?: string; scheme?: string }[];
  settings?: { namespace: string; key: string; value: string | number | boolean | null; mode?: string }[];
  links?: { source?: 'config' | 'sysfs'; speed_gts?: number; width?: number; max_speed_gts?: number; max_width?: number }[];
}

/** One host of a fleet rule's test: its bundle holds these devices. */
/** A class's rule-test field (RuleTest[name]) as the lines it holds; rule validation has checked it is a list of lines. */
export function testLines(t: RuleTest, name: string): string[] | undefined {
  const v = t[name];
  return Array.isArray(v) ? (v as string[]) : undefined;
}

export interface RuleTestHost {
  hostname: string;
  kernel?: string;
  devices: RuleTestDevice[];
}

export interface RuleTest {
  name: string;
  /** not_applicable: the rule does not select the device (no outcome); pass and skip require that it does. */
  expect: TestExpectation;
  /** Device whose result is checked; defaults to the first device. */
  device?: string;
  kernel?: string;
  devices?: RuleTestDevice[];
  /** Text the finding's message must contain. */
  message?: string;
  /** Part of the `missing` text of a skip. */
  missing?: string;
  /** Fleet rules: one bundle per host instead of `devices`. */
  hosts?: RuleTestHost[];
  /** Fleet rules: the host whose device is checked; defaults to the first host. */
  host?: string;
  /** Fields a class declares it reads (ClassFacts.testFields), each a list of lines. */
  [classField: string]: unknown;
}

/**
 * What a rule says the kernel source holds, checked against a kernel tree: a row of a C table (with the
 * flags of that row the rule covers, and the row's other flags it leaves to others or cannot observe),
 * a #define's value, or literals inside a function.
 */
export interface UpstreamClaim {
  /** Kernel path, also cited with its version in the rule's references ("Linux 7.2.13 <file>"). */
  file: string;
  table?: string;
  /** Fields that pick the row: designated names (vid, mn), positions ("0", "1") or vendor/device of PCI_DEVICE(). */
  row?: Record<string, string | number>;
  flags?: string[];
  /** The row's other flags, each with why this rule does not check it. */
  other_flags?: Record<string, string>;
  define?: Record<string, string | number>;
  function?: string;
  contains?: string[];
}

export interface CausedBy {
  rule: string;
  evidence?: Record<string, string | number | boolean>;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  description?: string;
  /**
   * `bundle` (default): judged on each bundle alone (a batch of bundles may share one query, each judged alone). `fleet`: an `sql` rule over every bundle of a fleet at
   * once (`fwsnap fleet`), reading the bundle ids from the `fleet_bundles` table and returning `bundle_id`.
   */
  scope?: 'bundle' | 'fleet';
  applies_to?: AppliesTo;
  when?: Condition[];
  sql?: string;
  check?: string;
  message: string;
  remediation: string;
  references: string[];
  /**
   * This rule's finding on a device is a consequence of `rule`'s finding on the same device (when its
   * evidence holds every `evidence` value): the report folds it under that finding as a detail.
   */
  caused_by?: CausedBy;
  /** Machine-checkable claims about the kernel source the rule was written from. */
  upstream?: UpstreamClaim[];
  tests: RuleTest[];
  /** The file it came from (relative to the rules directory). */
  file: string;
}

export interface RuleOutcome {
  ruleId: string;
  deviceKey: string | null;
  result: RuleResult;
  severity: Severity;
  message: string | null;
  evidence: Record<string, unknown> | null;
  missing: string | null;
}
