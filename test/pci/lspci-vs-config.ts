/**
 * Compares what lspci's text shows of a function with what fwsnap decodes from the same function's config
 * space: every value the text gives must equal the decoder's, or the difference must be one lspci is known
 * to make (explained here, from pciutils' ls-caps.c).
 */
import type { LspciFunction } from '../../analyzer/classes/pci/lspci-text.js';
import type { PciConfig } from '../../analyzer/classes/pci/pci-config.js';

export interface Difference {
  bdf: string;
  path: string;
  text: unknown;
  config: unknown;
  /** Why lspci prints something else than the register holds; absent for an unexplained difference. */
  explained?: string;
}

/** AER bits lspci names only since pciutils 3.13 (UESta/UEMsk/UESvrt beyond ACSViol, CESta/CEMsk beyond AdvNonFatalErr). */
const NAMED_LATER = new Set(['UncorrIntErr', 'BlockedTLP', 'AtomicOpBlocked', 'TLPBlockedErr', 'PoisonTLPBlocked', 'CorrIntErr', 'HeaderOF']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** lspci's known departures from the register values. */
function explain(path: string, text: unknown, config: unknown, fields: Record<string, unknown>): string | undefined {
  if (path.endsWith('linkCtl2.targetSpeedGts') && text === 2.5 && config === null) {
    return 'a Target Link Speed of 0 (hardwired) is printed as 2.5GT/s';
  }
  if (path.endsWith('devCap.slotPowerLimitW') && typeof text === 'number' && typeof config === 'number' && config >= 240 && config <= 255) {
    return 'lspci decodes slot power values F0h-FFh at scale 1.0x as 250-600 W (PCIe 4.0), the decoder reads the raw value';
  }
  if (path.endsWith('linkCap2.supportedSpeedsGts') && Array.isArray(config) && Array.isArray(text)) {
    const contiguous = config.every((s, i) => s === [2.5, 5, 8, 16, 32, 64][i]);
    if (!contiguous) return 'lspci prints the supported speeds as a range from 2.5 GT/s to the highest, the vector has gaps';
  }
  if (path.endsWith('.set') && Array.isArray(text) && Array.isArray(config)) {
    const missing = config.filter((n) => !text.includes(n));
    if (text.every((n) => config.includes(n)) && missing.every((n) => NAMED_LATER.has(n))) {
      return `pciutils before 3.13 prints no ${missing.join(', ')} bit`;
    }
  }
  void fields;
  return undefined;
}

function compareFields(bdf: string, path: string, text: unknown, config: unknown, root: Record<string, unknown>, out: Difference[]): void {
  if (isObject(text)) {
    if (!isObject(config)) {
      out.push({ bdf, path, text, config });
      return;
    }
    for (const [k, v] of Object.entries(text)) compareFields(bdf, `${path}.${k}`, v, config[k], root, out);
    return;
  }
  if (JSON.stringify(text) === JSON.stringify(config)) return;
  const why = explain(path, text, config, root);
  out.push({ bdf, path, text, config, ...(why ? { explained: why } : {}) });
}

/** Every difference between the text's facts and the config space's (and the driver sysfs names). */
export function lspciVsConfig(fn: LspciFunction, cfg: PciConfig, driver?: string | null): Difference[] {
  const out: Difference[] = [];
  const same = (path: string, text: unknown, config: unknown): void => {
    if (text === null || text === undefined) return;
    if (text !== config) out.push({ bdf: fn.bdf, path, text, config });
  };
  same('vendorId', fn.vendorId, cfg.vendorId);
  same('deviceId', fn.deviceId, cfg.deviceId);
  same('subsystem.vendorId', fn.subsystem?.vendorId, cfg.subsystemVendorId);
  same('subsystem.deviceId', fn.subsystem?.deviceId, cfg.subsystemDeviceId);
  same('classCode', fn.classCode, cfg.classCode);
  same('revision', fn.revision, cfg.revision);
  if (driver !== undefined) same('driver', fn.driver ?? null, driver);
  if (fn.capabilities === undefined || fn.capabilitiesDenied) return out;
  const textCaps = fn.capabilities.map((c) => `${c.extended ? 'ext' : 'cap'} ${c.offset.toString(16)} id ${c.id}`);
  const configCaps = cfg.capabilities.map((c) => `${c.extended ? 'ext' : 'cap'} ${c.offset.toString(16)} id ${c.id}`);
  if (JSON.stringify(textCaps) !== JSON.stringify(configCaps)) out.push({ bdf: fn.bdf, path: 'capabilities', text: textCaps, config: configCaps });
  for (const c of fn.capabilities) {
    const other = cfg.capabilities.find((x) => x.offset === c.offset && x.extended === c.extended);
    if (!other) continue;
    if (c.extended) same(`cap ${c.offset.toString(16)}.version`, c.version, other.version);
    if (c.fields) compareFields(fn.bdf, `cap ${c.offset.toString(16)} ${c.fields.kind}`, c.fields, other.fields, c.fields as Record<string, unknown>, out);
  }
  return out;
}
