import { paddedAscii, requireLength, safeNumber, uintLE } from '../../parsers/binary.js';
import { ParseError } from '../../parsers/errors.js';
import { criticalWarningBits } from '../core/nvme-health-log.js';

/** NVMe admin data structures (NVMe base specification; offsets as in libnvme's struct nvme_id_ctrl). */

export interface NvmePowerState {
  state: number;
  /** Maximum power in watts. */
  maxPowerW: number;
  nonOperational: boolean;
  entryLatencyUs: number;
  exitLatencyUs: number;
  relativeReadThroughput: number;
  relativeReadLatency: number;
  relativeWriteThroughput: number;
  relativeWriteLatency: number;
  idlePowerW: number | null;
  activePowerW: number | null;
}

export interface NvmeIdCtrl {
  vid: number;
  ssvid: number;
  serial: string;
  model: string;
  firmware: string;
  /** IEEE OUI as nvme-cli prints it (most significant byte first). */
  ieee: string;
  cntlid: number;
  /** Specification version "major.minor[.tertiary]" or null when the controller reports 0. */
  version: string | null;
  versionRaw: number;
  /** MDTS: the largest data transfer as a power of two of the minimum memory page size (CAP.MPSMIN); 0 = no limit. */
  mdts: number;
  oacs: number;
  firmwareCommitSupported: boolean;
  frmw: number;
  firmwareSlots: number;
  slot1ReadOnly: boolean;
  activationWithoutReset: boolean;
  /** Maximum time for firmware activation, in milliseconds (0 = not reported). */
  mtfaMs: number;
  /** Number of power states (NPSS is zero-based). */
  powerStateCount: number;
  apstSupported: boolean;
  warningTempK: number;
  criticalTempK: number;
  oncs: number;
  /** Log Page Attributes (LPA). */
  lpa: number;
  volatileWriteCache: boolean;
  totalCapacityBytes: number | string;
  subnqn: string;
  powerStates: NvmePowerState[];
}

const ID_CTRL_SIZE = 4096;

/** PSD power fields: MP in 0.01 W, or 0.0001 W when MXPS is set; IDLP/ACTP scaled by bits 7:6 of the byte after. */
function scaledPower(value: number, scale: number): number | null {
  if (scale === 1) return value / 10000;
  if (scale === 2) return value / 100;
  return null;
}

function powerState(buf: Buffer, i: number): NvmePowerState {
  const o = 2048 + 32 * i;
  const flags = buf[o + 3]!;
  return {
    state: i,
    maxPowerW: buf.readUInt16LE(o) / ((flags & 1) === 1 ? 10000 : 100),
    nonOperational: (flags & 2) === 2,
    entryLatencyUs: buf.readUInt32LE(o + 4),
    exitLatencyUs: buf.readUInt32LE(o + 8),
    relativeReadThroughput: buf[o + 12]! & 0x1f,
    relativeReadLatency: buf[o + 13]! & 0x1f,
    relativeWriteThroughput: buf[o + 14]! & 0x1f,
    relativeWriteLatency: buf[o + 15]! & 0x1f,
    idlePowerW: scaledPower(buf.readUInt16LE(o + 16), buf[o + 18]! >> 6),
    activePowerW: scaledPower(buf.readUInt16LE(o + 20), buf[o + 22]! >> 6),
  };
}

export function specVersion(ver: number): string | null {
  if (ver === 0) return null;
  const [major, minor, ter] = [ver >>> 16, (ver >> 8) & 0xff, ver & 0xff];
  return ter ? `${major}.${minor}.${ter}` : `${major}.${minor}`;
}

/** Identify Controller data (CNS 01h), 4096 bytes. */
export function parseIdCtrl(buf: Buffer): NvmeIdCtrl {
  requireLength('nvme-id-ctrl', buf, ID_CTRL_SIZE);
  const frmw = buf[260]!;
  const npss = buf[263]!;
  if (npss > 31) throw new ParseError('nvme-id-ctrl', `NPSS ${npss} exceeds the 32 power state descriptors`, 263);
  const ver = buf.readUInt32LE(80);
  return {
    vid: buf.readUInt16LE(0),
    ssvid: buf.readUInt16LE(2),
    serial: paddedAscii(buf, 4, 20).trim(),
    model: paddedAscii(buf, 24, 40).trim(),
    firmware: paddedAscii(buf, 64, 8).trim(),
    ieee: [buf[75]!, buf[74]!, buf[73]!].map((b) => b.toString(16).padStart(2, '0')).join(''),
    cntlid: buf.readUInt16LE(78),
    version: specVersion(ver),
    versionRaw: ver,
    mdts: buf[77]!,
    oacs: buf.readUInt16LE(256),
    firmwareCommitSupported: (buf.readUInt16LE(256) & 4) === 4,
    frmw,
    firmwareSlots: (frmw >> 1) & 7,
    slot1ReadOnly: (frmw & 1) === 1,
    activationWithoutReset: (frmw & 0x10) === 0x10,
    mtfaMs: buf.readUInt16LE(270) * 100,
    powerStateCount: npss + 1,
    apstSupported: (buf[265]! & 1) === 1,
    warningTempK: buf.readUInt16LE(266),
    criticalTempK: buf.readUInt16LE(268),
    oncs: buf.readUInt16LE(520),
    lpa: buf[261]!,
    volatileWriteCache: (buf[525]! & 1) === 1,
    totalCapacityBytes: safeNumber(uintLE(buf, 280, 16)),
    subnqn: paddedAscii(buf, 768, 256).trim(),
    powerStates: Array.from({ length: npss + 1 }, (_, i) => powerState(buf, i)),
  };
}

export interface NvmeFwLog {
  /** Slot the running firmware came from (AFI bits 2:0). */
  activeSlot: number;
  /** Slot that will be activated at the next controller reset (AFI bits 6:4); null when not indicated. */
  nextResetSlot: number | null;
  /** Revisions by slot number (1–7); empty slots are absent. */
  slots: Record<number, string>;
}

/** Firmware Slot Information log (LID 03h), 512 bytes; only the first 64 are defined. */
export function parseFwLog(buf: Buffer): NvmeFwLog {
  requireLength('nvme-fw-log', buf, 64);
  const afi = buf[0]!;
  const slots: Record<number, string> = {};
  for (let s = 1; s <= 7; s++) {
    const off = 8 * s;
    if (buf.subarray(off, off + 8).every((b) => b === 0)) continue;
    slots[s] = paddedAscii(buf, off, 8).trim();
  }
  const next = (afi >> 4) & 7;
  return { activeSlot: afi & 7, nextResetSlot: next === 0 ? null : next, slots };
}

export interface NvmeSmartLog {
  criticalWarning: number;
  criticalWarnings: string[];
  /** Composite temperature in °C (the log holds Kelvin); null when the controller reports 0. */
  temperatureC: number | null;
  availableSparePct: number;
  availableSpareThresholdPct: number;
  percentageUsed: number;
  /** In units of 1000 × 512 bytes, as the log counts them; decimal string above 2^53. */
  dataUnitsRead: number | string;
  dataUnitsWritten: number | string;
  hostReadCommands: number | string;
  hostWriteCommands: number | string;
  controllerBusyMinutes: number | string;
  powerCycles: number | string;
  powerOnHours: number | string;
  unsafeShutdowns: number | string;
  mediaErrors: number | string;
  errorLogEntries: number | string;
  warningTempMinutes: number;
  criticalTempMinutes: number;
}

/** SMART / Health Information log (LID 02h), 512 bytes; the 128-bit counters are little-endian. */
export function parseSmartLog(buf: Buffer): NvmeSmartLog {
  requireLength('nvme-smart-log', buf, 512);
  const cw = buf[0]!;
  const kelvin = buf.readUInt16LE(1);
  const c = (off: number): number | string => safeNumber(uintLE(buf, off, 16));
  return {
    criticalWarning: cw,
    criticalWarnings: criticalWarningBits(cw),
    temperatureC: kelvin === 0 ? null : kelvin - 273,
    availableSparePct: buf[3]!,
    availableSpareThresholdPct: buf[4]!,
    percentageUsed: buf[5]!,
    dataUnitsRead: c(32),
    dataUnitsWritten: c(48),
    hostReadCommands: c(64),
    hostWriteCommands: c(80),
    controllerBusyMinutes: c(96),
    powerCycles: c(112),
    powerOnHours: c(128),
    unsafeShutdowns: c(144),
    mediaErrors: c(160),
    errorLogEntries: c(176),
    warningTempMinutes: buf.readUInt32LE(192),
    criticalTempMinutes: buf.readUInt32LE(196),
  };
}

export interface ApstEntry {
  /** Non-operational power state this entry moves to after the idle time (the entry index is the source state). */
  fromState: number;
  toState: number;
  idleTimeMs: number;
}

/** APST feature (FID 0Ch) data: 32 little-endian u64 entries, ITPS bits 7:3, ITPT bits 31:8; zero entries omitted. */
export function parseApstTable(buf: Buffer): ApstEntry[] {
  requireLength('nvme-apst', buf, 256);
  const out: ApstEntry[] = [];
  for (let i = 0; i < 32; i++) {
    const lo = buf.readUInt32LE(8 * i);
    const idleTimeMs = lo >>> 8;
    if (idleTimeMs === 0) continue;
    out.push({ fromState: i, toState: (lo >> 3) & 0x1f, idleTimeMs });
  }
  return out;
}

/** Completion dword 0 of a Get Features command, from the stored 72-byte struct nvme_admin_cmd (result @68). */
export function parseAdminResult(buf: Buffer): number {
  if (buf.length !== 72) throw new ParseError('nvme-admin-result', `nvme_admin_cmd is ${buf.length} bytes, expected 72`, 0);
  return buf.readUInt32LE(68);
}
