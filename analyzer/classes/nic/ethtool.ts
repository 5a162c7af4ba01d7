import { cString, requireLength } from '../../parsers/binary.js';
import { ParseError } from '../../parsers/errors.js';

/**
 * Raw SIOCETHTOOL answers as the collector stores them: the whole command struct, starting with the
 * ETHTOOL_* command word. Layouts are those of <linux/ethtool.h> on x86_64 (little-endian, 4-byte aligned).
 */

export const ETHTOOL_CMD = {
  GDRVINFO: 0x03,
  GREGS: 0x04,
  GCOALESCE: 0x0e,
  GRINGPARAM: 0x10,
  GPAUSEPARAM: 0x12,
  GSTRINGS: 0x1b,
  GPFLAGS: 0x27,
  GFEATURES: 0x3a,
  GCHANNELS: 0x3c,
  GLINKSETTINGS: 0x4c,
  GFECPARAM: 0x50,
} as const;

const GSTRING_LEN = 32;

/** Checks the size and the command word; returns a reader of u32 fields by index. */
function struct(parser: string, buf: Buffer, cmd: number, size: number): (index: number) => number {
  requireLength(parser, buf, size);
  const got = buf.readUInt32LE(0);
  if (got !== cmd) throw new ParseError(parser, `command word is 0x${got.toString(16)}, expected 0x${cmd.toString(16)}`, 0);
  return (i) => buf.readUInt32LE(4 * i);
}

export interface EthtoolDrvinfo {
  driver: string;
  version: string;
  fwVersion: string;
  busInfo: string;
  eromVersion: string;
  nPrivFlags: number;
  nStats: number;
  testinfoLen: number;
  eedumpLen: number;
  regdumpLen: number;
}

/** struct ethtool_drvinfo (196 bytes); its strings may fill all 32 bytes without a NUL. */
export function parseDrvinfo(buf: Buffer): EthtoolDrvinfo {
  const u32 = struct('ethtool-drvinfo', buf, ETHTOOL_CMD.GDRVINFO, 196);
  return {
    driver: cString(buf, 4, 32),
    version: cString(buf, 36, 32),
    fwVersion: cString(buf, 68, 32),
    busInfo: cString(buf, 100, 32),
    eromVersion: cString(buf, 132, 32),
    nPrivFlags: u32(44),
    nStats: u32(45),
    testinfoLen: u32(46),
    eedumpLen: u32(47),
    regdumpLen: u32(48),
  };
}

export interface EthtoolStrings {
  stringSet: number;
  strings: string[];
}

/** struct ethtool_gstrings: header (cmd, string_set, len) then len × 32-byte NUL-padded names. */
export function parseGstrings(buf: Buffer): EthtoolStrings {
  const u32 = struct('ethtool-gstrings', buf, ETHTOOL_CMD.GSTRINGS, 12);
  const count = u32(2);
  if (12 + count * GSTRING_LEN > buf.length) {
    throw new ParseError('ethtool-gstrings', `${count} strings need ${12 + count * GSTRING_LEN} bytes, have ${buf.length}`, 8);
  }
  const strings: string[] = [];
  for (let i = 0; i < count; i++) strings.push(cString(buf, 12 + i * GSTRING_LEN, GSTRING_LEN));
  return { stringSet: u32(1), strings };
}

/** struct ethtool_value for a given command (GPFLAGS and friends). */
export function parseEthtoolValue(buf: Buffer, cmd: number): number {
  return struct('ethtool-value', buf, cmd, 8)(1);
}

export interface PrivFlag {
  name: string;
  enabled: boolean;
}

/** Private flags: bit i of the GPFLAGS value belongs to the i-th ETH_SS_PRIV_FLAGS string. */
export function parsePrivFlags(stringsBuf: Buffer, valueBuf: Buffer): PrivFlag[] {
  const { stringSet, strings } = parseGstrings(stringsBuf);
  if (stringSet !== 2) throw new ParseError('ethtool-priv-flags', `string set is ${stringSet}, expected 2 (ETH_SS_PRIV_FLAGS)`, 4);
  if (strings.length > 32) throw new ParseError('ethtool-priv-flags', `${strings.length} private flags do not fit a 32-bit value`, 8);
  const bits = parseEthtoolValue(valueBuf, ETHTOOL_CMD.GPFLAGS);
  return strings.map((name, i) => ({ name, enabled: ((bits >>> i) & 1) === 1 }));
}

export interface EthtoolRingparam {
  rxMaxPending: number;
  rxMiniMaxPending: number;
  rxJumboMaxPending: number;
  txMaxPending: number;
  rxPending: number;
  rxMiniPending: number;
  rxJumboPending: number;
  txPending: number;
}

/** struct ethtool_ringparam (36 bytes). */
export function parseRingparam(buf: Buffer): EthtoolRingparam {
  const u32 = struct('ethtool-ringparam', buf, ETHTOOL_CMD.GRINGPARAM, 36);
  return {
    rxMaxPending: u32(1), rxMiniMaxPending: u32(2), rxJumboMaxPending: u32(3), txMaxPending: u32(4),
    rxPending: u32(5), rxMiniPending: u32(6), rxJumboPending: u32(7), txPending: u32(8),
  };
}

export interface EthtoolChannels {
  maxRx: number;
  maxTx: number;
  maxOther: number;
  maxCombined: number;
  rxCount: number;
  txCount: number;
  otherCount: number;
  combinedCount: number;
}

/** struct ethtool_channels (36 bytes). */
export function parseChannels(buf: Buffer): EthtoolChannels {
  const u32 = struct('ethtool-channels', buf, ETHTOOL_CMD.GCHANNELS, 36);
  return {
    maxRx: u32(1), maxTx: u32(2), maxOther: u32(3), maxCombined: u32(4),
    rxCount: u32(5), txCount: u32(6), otherCount: u32(7), combinedCount: u32(8),
  };
}

/** Field names of struct ethtool_coalesce after `cmd`, in order (the kernel's own names). */
export const COALESCE_FIELDS = [
  'rx_coalesce_usecs', 'rx_max_coalesced_frames', 'rx_coalesce_usecs_irq', 'rx_max_coalesced_frames_irq',
  'tx_coalesce_usecs', 'tx_max_coalesced_frames', 'tx_coalesce_usecs_irq', 'tx_max_coalesced_frames_irq',
  'stats_block_coalesce_usecs', 'use_adaptive_rx_coalesce', 'use_adaptive_tx_coalesce', 'pkt_rate_low',
  'rx_coalesce_usecs_low', 'rx_max_coalesced_frames_low', 'tx_coalesce_usecs_low', 'tx_max_coalesced_frames_low',
  'pkt_rate_high', 'rx_coalesce_usecs_high', 'rx_max_coalesced_frames_high', 'tx_coalesce_usecs_high',
  'tx_max_coalesced_frames_high', 'rate_sample_interval',
] as const;

export type EthtoolCoalesce = Record<(typeof COALESCE_FIELDS)[number], number>;

/** struct ethtool_coalesce (92 bytes). */
export function parseCoalesce(buf: Buffer): EthtoolCoalesce {
  const u32 = struct('ethtool-coalesce', buf, ETHTOOL_CMD.GCOALESCE, 92);
  return Object.fromEntries(COALESCE_FIELDS.map((f, i) => [f, u32(i + 1)])) as EthtoolCoalesce;
}

export interface EthtoolPause {
  autoneg: boolean;
  rx: boolean;
  tx: boolean;
}

/** struct ethtool_pauseparam (16 bytes). */
export function parsePauseparam(buf: Buffer): EthtoolPause {
  const u32 = struct('ethtool-pauseparam', buf, ETHTOOL_CMD.GPAUSEPARAM, 16);
  return { autoneg: u32(1) !== 0, rx: u32(2) !== 0, tx: u32(3) !== 0 };
}

export interface EthtoolRegsHeader {
  version: number;
  /** Bytes of register data the kernel returned. */
  len: number;
  /** Offset of the data in the buffer (always 12). */
  dataOffset: number;
}

/** struct ethtool_regs header: version is the driver's dump format id; data follows at byte 12. */
export function parseRegsHeader(buf: Buffer): EthtoolRegsHeader {
  const u32 = struct('ethtool-regs', buf, ETHTOOL_CMD.GREGS, 12);
  const len = u32(2);
  if (12 + len > buf.length) throw new ParseError('ethtool-regs', `header says ${len} bytes of data, buffer holds ${buf.length - 12}`, 8);
  return { version: u32(1), len, dataOffset: 12 };
}

/** The register dump as 32-bit little-endian words, each with its byte offset in the dump. */
export function* regsWords(buf: Buffer): Generator<{ offset: number; value: number }> {
  const { len, dataOffset } = parseRegsHeader(buf);
  for (let off = 0; off + 4 <= len; off += 4) yield { offset: off, value: buf.readUInt32LE(dataOffset + off) };
}

const FEC_BITS = ['none', 'auto', 'off', 'rs', 'baser', 'llrs'];

function fecModes(mask: number): string[] {
  const out: string[] = [];
  for (let b = 0; b < 32; b++) if ((mask >>> b) & 1) out.push(FEC_BITS[b] ?? `bit${b}`);
  return out;
}

export interface EthtoolFec {
  /** FEC mode in use on the link. */
  active: string[];
  /** Configured FEC modes. */
  configured: string[];
}

/** struct ethtool_fecparam (16 bytes): active_fec and fec are bitmasks of enum ethtool_fec_config_bits. */
export function parseFecparam(buf: Buffer): EthtoolFec {
  const u32 = struct('ethtool-fecparam', buf, ETHTOOL_CMD.GFECPARAM, 16);
  return { active: fecModes(u32(1)), configured: fecModes(u32(2)) };
}

export interface EthtoolFeature {
  name: string;
  available: boolean;
  requested: boolean;
  active: boolean;
  neverChanged: boolean;
}

/**
 * struct ethtool_gfeatures (cmd, size, then `size` blocks of available/requested/active/never_changed)
 * paired with the ETH_SS_FEATURES names: feature i is bit i%32 of block i/32.
 */
export function parseFeatures(stringsBuf: Buffer, featuresBuf: Buffer): EthtoolFeature[] {
  const { stringSet, strings } = parseGstrings(stringsBuf);
  if (stringSet !== 4) throw new ParseError('ethtool-features', `string set is ${stringSet}, expected 4 (ETH_SS_FEATURES)`, 4);
  const u32 = struct('ethtool-features', featuresBuf, ETHTOOL_CMD.GFEATURES, 8);
  const blocks = u32(1);
  if (8 + 16 * blocks > featuresBuf.length) throw new ParseError('ethtool-features', `${blocks} feature blocks need ${8 + 16 * blocks} bytes, have ${featuresBuf.length}`, 4);
  if (strings.length > blocks * 32) throw new ParseError('ethtool-features', `${strings.length} feature names but only ${blocks} blocks of 32`, 4);
  return strings.map((name, i) => {
    const base = 8 + 16 * Math.floor(i / 32);
    const bit = (off: number): boolean => ((featuresBuf.readUInt32LE(base + off) >>> i % 32) & 1) === 1;
    return { name, available: bit(0), requested: bit(4), active: bit(8), neverChanged: bit(12) };
  });
}
