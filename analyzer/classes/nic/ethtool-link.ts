import { requireLength } from '../../parsers/binary.js';
import { ParseError } from '../../parsers/errors.js';
import { ETHTOOL_CMD } from './ethtool.js';
import { linkModeName } from './ethtool-link-modes.js';

const PARSER = 'ethtool-linksettings';
const HEADER = 48;

const DUPLEX: Record<number, string> = { 0: 'half', 1: 'full', 0xff: 'unknown' };
const PORT: Record<number, string> = { 0: 'tp', 1: 'aui', 2: 'mii', 3: 'fibre', 4: 'bnc', 5: 'da', 0xef: 'none', 0xff: 'other' };
const MDIX: Record<number, string> = { 0: 'invalid', 1: 'mdi', 2: 'mdix', 3: 'auto' };

export interface EthtoolLinkSettings {
  /** Mb/s; null when the kernel reports SPEED_UNKNOWN (link down). */
  speed: number | null;
  duplex: string;
  port: string;
  phyAddress: number;
  autoneg: boolean;
  mdix: string;
  mdixCtrl: string;
  transceiver: number;
  masterSlaveCfg: number;
  masterSlaveState: number;
  rateMatching: number;
  /** 32-bit words per link-mode bitmap; 0 when the answer is the size handshake (no bitmaps). */
  nwords: number;
  supported: string[];
  advertising: string[];
  lpAdvertising: string[];
}

function modes(buf: Buffer, start: number, nwords: number): string[] {
  const out: string[] = [];
  for (let w = 0; w < nwords; w++) {
    const word = buf.readUInt32LE(start + 4 * w);
    for (let b = 0; b < 32; b++) if ((word >>> b) & 1) out.push(linkModeName(32 * w + b));
  }
  return out;
}

/**
 * struct ethtool_link_settings (48 bytes) followed by three bitmaps of link_mode_masks_nwords u32 each:
 * supported, advertising, lp_advertising. A negative nwords is the kernel's answer to the size handshake.
 */
export function parseLinkSettings(buf: Buffer): EthtoolLinkSettings {
  requireLength(PARSER, buf, HEADER);
  const cmd = buf.readUInt32LE(0);
  if (cmd !== ETHTOOL_CMD.GLINKSETTINGS) throw new ParseError(PARSER, `command word is 0x${cmd.toString(16)}, expected 0x4c`, 0);
  const rawWords = buf.readInt8(15);
  const nwords = Math.max(rawWords, 0);
  if (HEADER + 12 * nwords > buf.length) {
    throw new ParseError(PARSER, `${nwords}-word link mode bitmaps need ${HEADER + 12 * nwords} bytes, have ${buf.length}`, 15);
  }
  const speed = buf.readUInt32LE(4);
  const mdixCtrl = buf.readUInt8(14);
  return {
    speed: speed === 0xffffffff ? null : speed,
    duplex: DUPLEX[buf.readUInt8(8)] ?? `0x${buf.readUInt8(8).toString(16)}`,
    port: PORT[buf.readUInt8(9)] ?? `0x${buf.readUInt8(9).toString(16)}`,
    phyAddress: buf.readUInt8(10),
    autoneg: buf.readUInt8(11) === 1,
    mdix: MDIX[buf.readUInt8(13)] ?? String(buf.readUInt8(13)),
    mdixCtrl: MDIX[mdixCtrl] ?? String(mdixCtrl),
    transceiver: buf.readUInt8(16),
    masterSlaveCfg: buf.readUInt8(17),
    masterSlaveState: buf.readUInt8(18),
    rateMatching: buf.readUInt8(19),
    nwords,
    supported: modes(buf, HEADER, nwords),
    advertising: modes(buf, HEADER + 4 * nwords, nwords),
    lpAdvertising: modes(buf, HEADER + 8 * nwords, nwords),
  };
}
