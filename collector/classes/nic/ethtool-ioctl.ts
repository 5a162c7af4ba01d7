import { IFR_DATA_OFFSET } from '../../ioctl/ifreq.js';
import type { IoctlCall } from '../../source.js';

/** The socket ioctl of ethtool (linux/sockios.h). */
export const SIOCETHTOOL = 0x8946;

export const ETHTOOL = {
  GDRVINFO: 0x03,
  GREGS: 0x04,
  GEEPROM: 0x0b,
  GCOALESCE: 0x0e,
  GRINGPARAM: 0x10,
  GPAUSEPARAM: 0x12,
  GSTRINGS: 0x1b,
  GPERMADDR: 0x20,
  GPFLAGS: 0x27,
  GSSET_INFO: 0x37,
  GFEATURES: 0x3a,
  GCHANNELS: 0x3c,
  GMODULEINFO: 0x42,
  GMODULEEEPROM: 0x43,
  GLINKSETTINGS: 0x4c,
  GFECPARAM: 0x50,
} as const;

/** sizeof each fixed-size ethtool struct (gcc, x86_64), or of the header before its flexible array. */
export const ETHTOOL_SIZE = {
  drvinfo: 196,
  regsHeader: 12,
  eepromHeader: 16,
  modinfo: 44,
  value: 8,
  ssetInfoHeader: 16,
  gstringsHeader: 12,
  ringparam: 36,
  channels: 36,
  coalesce: 92,
  pauseparam: 16,
  fecparam: 16,
  linkSettingsHeader: 48,
  permAddrHeader: 8,
  featuresHeader: 8,
  featuresBlock: 16,
} as const;

export const ETH_GSTRING_LEN = 32;
export const ETH_SS_PRIV_FLAGS = 2;
export const ETH_SS_FEATURES = 4;
/** MAX_ADDR_LEN: the largest hardware address the kernel copies out for GPERMADDR. */
export const MAX_ADDR_LEN = 32;

/** ethtool_drvinfo field offsets. */
export const DRVINFO = {
  driver: 4,
  version: 36,
  fwVersion: 68,
  busInfo: 100,
  eromVersion: 132,
  nPrivFlags: 176,
  nStats: 180,
  testinfoLen: 184,
  eedumpLen: 188,
  regdumpLen: 192,
  stringLen: 32,
} as const;

/** ethtool_link_settings: link_mode_masks_nwords (__s8) @15; three u32[nwords] masks follow the header. */
export const LINK_SETTINGS_NWORDS_OFFSET = 15;

/** A zeroed ethtool command buffer of `size` bytes with its command number in the first u32. */
export function ethtoolBuffer(cmd: number, size: number): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32LE(cmd, 0);
  return b;
}

/** SIOCETHTOOL on `ifname`; the transport builds the ifreq whose ifr_data points at `cmd`. */
export function ethtoolCall(ifname: string, cmd: Buffer): IoctlCall {
  return {
    target: { kind: 'netdev', ifname },
    name: 'SIOCETHTOOL',
    request: SIOCETHTOOL,
    arg: Buffer.alloc(0),
    pointers: [{ offset: IFR_DATA_OFFSET, buffer: cmd }],
  };
}

/** A NUL-padded fixed-length C string (may fill its field without a NUL). */
export function cString(b: Buffer, offset: number, len: number): string {
  const field = b.subarray(offset, offset + len);
  const nul = field.indexOf(0);
  return field.subarray(0, nul < 0 ? field.length : nul).toString('latin1');
}
