/**
 * Intel GPU microcontroller firmware versions from the lines i915 and xe print while they load it (there is no sysfs
 * file; debugfs gt/uc/guc_info is root-only and not read). Formats, Linux 6.12 and 7.2:
 * - i915 intel_uc.c: `GT0: GuC firmware i915/dg2_guc_70.bin version 70.11.0` (HuC alike): loaded.
 * - xe xe_uc_fw.c: `[Tile0: ]GT0: Using GuC firmware from xe/lnl_guc_70.bin version 70.53.0` (HuC, GSC alike): loaded.
 * - i915/xe: `GuC firmware <file> (70.12.1) is recommended, but only <file> (70.11.0) was found` (xe: the files
 *   after the versions): the file found, older than the driver's table asks for.
 * - xe guc_read_css_info(): `Unsupported GuC v70.20.0! v70.29.2 or newer is required` (v6.11: `v70.12! v70.19 …`):
 *   the file found, refused.
 * - i915 display intel_dmc.c: `Finished loading DMC firmware i915/adlp_dmc.bin (v2.20)`.
 */
export type IntelUcKind = 'guc' | 'huc' | 'gsc' | 'dmc';

export interface IntelUcVersion {
  kind: IntelUcKind;
  version: string;
  /** running: the driver loaded it; stored: the file it found (also when it loaded it, or refused it). */
  states: ('running' | 'stored')[];
  /** The GT the line names (multi-GT parts: Meteor Lake's media GT is GT1); 0 when the line names none. */
  gt: number;
  file?: string;
  /** The version the driver's table asks for, when the line says. */
  recommended?: string;
}

const GT = String.raw`(?:Tile\d+: )?(?:GT(\d+): )?`;
const KIND = String.raw`(GuC|HuC|GSC)`;
const V3 = String.raw`(\d+\.\d+\.\d+(?:\.\d+)?)`;
const I915_LOADED = new RegExp(String.raw`^${GT}${KIND} firmware (\S+) version ${V3}$`);
const XE_LOADED = new RegExp(String.raw`^${GT}Using ${KIND} firmware from (\S+) version ${V3}$`);
const I915_OLDER = new RegExp(String.raw`^${GT}${KIND} firmware (\S+) \(${V3}\) is recommended, but only (\S+) \(${V3}\) was found$`);
const XE_OLDER = new RegExp(String.raw`^${GT}${KIND} firmware \(${V3}\) is recommended, but only \(${V3}\) was found in (\S+)$`);
const XE_REFUSED = new RegExp(String.raw`^${GT}Unsupported GuC v(\d+\.\d+(?:\.\d+)?)! v[\d.]+ or newer is required$`);
const DMC = /^Finished loading DMC firmware (\S+) \(v(\d+\.\d+)\)$/;
/** `i915 0000:00:02.0: [drm] ` / `xe 0000:00:02.0: [drm] *ERROR* ` before the message. */
const PREFIX = /^(i915|xe) [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]: (?:\[drm\] )?(?:\*ERROR\* )?/;

const kindOf = (s: string): IntelUcKind => s.toLowerCase() as IntelUcKind;
const gtOf = (s: string | undefined): number => (s === undefined ? 0 : Number(s));

/** The firmware version a kernel-log message of i915 or xe states, with its driver; undefined for any other line. */
export function parseIntelUcLine(text: string): { driver: 'i915' | 'xe'; uc: IntelUcVersion } | undefined {
  const p = PREFIX.exec(text);
  if (!p) return undefined;
  const driver = p[1] as 'i915' | 'xe';
  const msg = text.slice(p[0].length).trimEnd();
  let m = I915_LOADED.exec(msg) ?? XE_LOADED.exec(msg);
  if (m) return { driver, uc: { kind: kindOf(m[2]!), version: m[4]!, states: ['running', 'stored'], gt: gtOf(m[1]), file: m[3]! } };
  m = I915_OLDER.exec(msg);
  if (m) return { driver, uc: { kind: kindOf(m[2]!), version: m[6]!, states: ['stored'], gt: gtOf(m[1]), file: m[5]!, recommended: m[4]! } };
  m = XE_OLDER.exec(msg);
  if (m) return { driver, uc: { kind: kindOf(m[2]!), version: m[4]!, states: ['stored'], gt: gtOf(m[1]), file: m[5]!, recommended: m[3]! } };
  m = XE_REFUSED.exec(msg);
  if (m) return { driver, uc: { kind: 'guc', version: m[2]!, states: ['stored'], gt: gtOf(m[1]) } };
  m = DMC.exec(msg);
  if (m) return { driver, uc: { kind: 'dmc', version: m[2]!, states: ['running', 'stored'], gt: 0, file: m[1]! } };
  return undefined;
}

/** The firmware component of a version: `intel.guc` on the first GT, `intel.guc.gt1` on another. */
export function intelUcComponent(uc: Pick<IntelUcVersion, 'kind' | 'gt'>): string {
  return `intel.${uc.kind}${uc.gt > 0 ? `.gt${uc.gt}` : ''}`;
}
