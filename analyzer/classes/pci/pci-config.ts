import { ParseError } from '../../parsers/errors.js';
import {
  decodeMsi, decodeMsix, decodePowerManagement, decodeVpd, type MsiFields, type MsixFields, type PowerManagementFields, type VpdFields,
} from './pci-config-basic-caps.js';
import { BeyondDump, ConfigBytes, bit, hex } from './pci-config-bytes.js';
import { decodeExpress, type ExpressFields } from './pci-config-express.js';
import {
  decodeAcs, decodeAer, decodeAri, decodeAts, decodeDsn, decodePasid, decodeSriov,
  type AcsFields, type AerFields, type AriFields, type AtsFields, type DsnFields, type PasidFields, type SriovFields,
} from './pci-config-extended.js';
import { capabilityName } from './pci-config-names.js';

export type { ExpressFields } from './pci-config-express.js';
export type * from './pci-config-basic-caps.js';
export type * from './pci-config-extended.js';

const PARSER = 'pci-config';
export const CONFIG_HEADER_SIZE = 64;
export const CONFIG_SIZE = 256;
export const EXTENDED_CONFIG_SIZE = 4096;

export type CapabilityFields =
  | ExpressFields | PowerManagementFields | MsiFields | MsixFields | VpdFields
  | AerFields | SriovFields | AcsFields | AtsFields | PasidFields | AriFields | DsnFields;
export type CapabilityKind = CapabilityFields['kind'];

export interface PciCapability {
  id: number;
  extended: boolean;
  offset: number;
  /** Extended capability header version; for Power Management and Express their own version field. */
  version: number | null;
  /** lspci's name for the capability ("Express", "Advanced Error Reporting", "Capability ID 0x15"…). */
  name: string;
  /** Decoded registers for the capabilities this parser knows; null for the others or when cut off. */
  fields: CapabilityFields | null;
}

export interface PciConfig {
  /** Bytes in the dump: 64 without root, 256 for conventional PCI, 4096 for PCIe read as root. */
  length: number;
  vendorId: number;
  deviceId: number;
  command: number;
  status: number;
  revision: number;
  /** Base class, subclass and programming interface as one 24-bit number, like sysfs `class`. */
  classCode: number;
  /** 0 endpoint, 1 PCI-to-PCI bridge, 2 CardBus bridge. */
  headerType: number;
  multiFunction: boolean;
  subsystemVendorId: number | null;
  subsystemDeviceId: number | null;
  primaryBus: number | null;
  secondaryBus: number | null;
  subordinateBus: number | null;
  interruptPin: number | null;
  /** Head of the legacy capability list; null when Status says there is no list. */
  capabilitiesPointer: number | null;
  /** Legacy capabilities in list order, then extended ones in list order. */
  capabilities: PciCapability[];
  /** Things wrong with the dump that did not stop the parse (looping lists, cut-off capabilities…). */
  anomalies: string[];
}

type Decoder = (c: ConfigBytes, at: number) => CapabilityFields;

const LEGACY_DECODERS: Record<number, Decoder> = {
  0x01: decodePowerManagement,
  0x03: decodeVpd,
  0x05: decodeMsi,
  0x10: decodeExpress,
  0x11: decodeMsix,
};

const EXTENDED_DECODERS: Record<number, Decoder> = {
  0x01: decodeAer,
  0x03: decodeDsn,
  0x0d: decodeAcs,
  0x0e: decodeAri,
  0x0f: decodeAts,
  0x10: decodeSriov,
  0x1b: decodePasid,
};

const STATUS_CAP_LIST = 4;

/** Decodes a config space dump as read from sysfs `config`. Throws ParseError only; everything odd inside is an anomaly. */
export function parsePciConfig(data: Uint8Array): PciConfig {
  if (data.length < CONFIG_HEADER_SIZE) {
    throw new ParseError(PARSER, `config space dump of ${data.length} bytes is shorter than the ${CONFIG_HEADER_SIZE}-byte header`);
  }
  if (data.length > EXTENDED_CONFIG_SIZE) {
    throw new ParseError(PARSER, `config space dump of ${data.length} bytes is longer than the ${EXTENDED_CONFIG_SIZE}-byte extended config space`);
  }
  const c = new ConfigBytes(data);
  const anomalies: string[] = [];
  if (![CONFIG_HEADER_SIZE, CONFIG_SIZE, EXTENDED_CONFIG_SIZE].includes(data.length)) {
    anomalies.push(`config space dump has ${data.length} bytes, not 64, 256 or 4096: it was cut short`);
  }
  const headerByte = c.u8(0x0e);
  const headerType = headerByte & 0x7f;
  const status = c.u16(0x06);
  const vendorId = c.u16(0x00);
  const cfg: PciConfig = {
    length: data.length,
    vendorId,
    deviceId: c.u16(0x02),
    command: c.u16(0x04),
    status,
    revision: c.u8(0x08),
    classCode: c.u8(0x09) | (c.u8(0x0a) << 8) | (c.u8(0x0b) << 16),
    headerType,
    multiFunction: bit(headerByte, 7),
    subsystemVendorId: headerType === 0 ? c.u16(0x2c) : null,
    subsystemDeviceId: headerType === 0 ? c.u16(0x2e) : null,
    primaryBus: headerType === 0 ? null : c.u8(0x18),
    secondaryBus: headerType === 0 ? null : c.u8(0x19),
    subordinateBus: headerType === 0 ? null : c.u8(0x1a),
    interruptPin: headerType === 2 ? null : c.u8(0x3d),
    capabilitiesPointer: null,
    capabilities: [],
    anomalies,
  };
  if (vendorId === 0xffff) {
    anomalies.push('vendor id is 0xffff: the function did not answer (config space reads as all ones)');
    return cfg;
  }
  if (headerType > 2) {
    anomalies.push(`header type ${headerType} is not 0, 1 or 2: capabilities not decoded`);
    return cfg;
  }
  if (bit(status, STATUS_CAP_LIST)) {
    cfg.capabilitiesPointer = c.u8(headerType === 2 ? 0x14 : 0x34);
    walkLegacy(c, cfg.capabilitiesPointer, cfg);
  }
  if (data.length === EXTENDED_CONFIG_SIZE) walkExtended(c, cfg);
  else if (data.length > CONFIG_SIZE) anomalies.push(`extended capabilities not decoded: the dump stops at ${data.length} bytes`);
  return cfg;
}

function decodeAt(c: ConfigBytes, decoder: Decoder | undefined, at: number, name: string, anomalies: string[]): CapabilityFields | null {
  if (!decoder) return null;
  try {
    return decoder(c, at);
  } catch (e) {
    if (!(e instanceof BeyondDump)) throw e;
    anomalies.push(`${name} capability at ${hex(at)} runs past the end of the ${c.length}-byte dump`);
    return null;
  }
}

function walkLegacy(c: ConfigBytes, head: number, cfg: PciConfig): void {
  const seen = new Set<number>();
  let at = head & ~3;
  while (at !== 0) {
    if (at < CONFIG_HEADER_SIZE) {
      cfg.anomalies.push(`capability pointer ${hex(at)} points into the header`);
      return;
    }
    if (!c.has(at, 2)) {
      cfg.anomalies.push(`capability list at ${hex(at)} is beyond the ${c.length}-byte dump (config space read without root?)`);
      return;
    }
    if (seen.has(at)) {
      cfg.anomalies.push(`capability list loops back to ${hex(at)}`);
      return;
    }
    seen.add(at);
    const id = c.u8(at);
    const name = capabilityName(id, false);
    const fields = decodeAt(c, LEGACY_DECODERS[id], at, name, cfg.anomalies);
    const version = fields?.kind === 'pm' ? fields.version : fields?.kind === 'express' ? fields.capVersion : null;
    cfg.capabilities.push({ id, extended: false, offset: at, version, name, fields });
    at = c.u8(at + 1) & ~3;
  }
}

function walkExtended(c: ConfigBytes, cfg: PciConfig): void {
  const seen = new Set<number>();
  let at = CONFIG_SIZE;
  for (;;) {
    const header = c.u32(at);
    if (header === 0) return;
    if (header === 0xffffffff) {
      cfg.anomalies.push(`extended capability header at ${hex(at, 3)} reads as all ones`);
      return;
    }
    if (seen.has(at)) {
      cfg.anomalies.push(`extended capability list loops back to ${hex(at, 3)}`);
      return;
    }
    seen.add(at);
    const id = header & 0xffff;
    const name = capabilityName(id, true);
    const fields = decodeAt(c, EXTENDED_DECODERS[id], at, name, cfg.anomalies);
    cfg.capabilities.push({ id, extended: true, offset: at, version: (header >>> 16) & 0xf, name, fields });
    const next = (header >>> 20) & ~3;
    if (next === 0) return;
    if (next < CONFIG_SIZE) {
      cfg.anomalies.push(`extended capability at ${hex(at, 3)} points to ${hex(next)}, below the extended space`);
      return;
    }
    at = next;
  }
}

/** The decoded fields of the first capability of a kind, if the device has it. */
export function capabilityFields<K extends CapabilityKind>(cfg: PciConfig, kind: K): Extract<CapabilityFields, { kind: K }> | undefined {
  for (const cap of cfg.capabilities) if (cap.fields?.kind === kind) return cap.fields as Extract<CapabilityFields, { kind: K }>;
  return undefined;
}
