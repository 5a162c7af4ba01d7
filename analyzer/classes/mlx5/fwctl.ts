import { ParseError } from '../../parsers/errors.js';

const PARSER = 'fwctl';

export const FWCTL_DEVICE_TYPES: Record<number, string> = { 0: 'error', 1: 'mlx5', 2: 'cxl', 3: 'bnxt', 4: 'pds' };

export interface FwctlInfo {
  /** enum fwctl_device_type; unknown numbers are kept as numbers. */
  deviceType: number;
  deviceTypeName?: string;
  /** Size of the driver's device data as the kernel reported it. */
  deviceDataLength: number;
}

/** The FWCTL_INFO answer: struct fwctl_info (24 bytes), out_device_type @8, device_data_len @12. */
export function parseFwctlInfo(b: Buffer): FwctlInfo {
  if (b.length !== 24) throw new ParseError(PARSER, `struct fwctl_info is 24 bytes, got ${b.length}`);
  const deviceType = b.readUInt32LE(8);
  const info: FwctlInfo = { deviceType, deviceDataLength: b.readUInt32LE(12) };
  const name = FWCTL_DEVICE_TYPES[deviceType];
  if (name) info.deviceTypeName = name;
  return info;
}

/** struct fwctl_info_mlx5 { __u32 uid; __u32 uctx_caps; } */
export function parseMlx5InfoData(b: Buffer): { uid: number; uctxCaps: number; toolsResources: boolean } {
  if (b.length < 8) throw new ParseError(PARSER, `fwctl_info_mlx5 is 8 bytes, got ${b.length}`);
  const uctxCaps = b.readUInt32LE(4);
  return { uid: b.readUInt32LE(0), uctxCaps, toolsResources: (uctxCaps & 0x4) !== 0 };
}

export interface Mlx5Answer {
  /** Firmware command status (0 = OK); non-zero answers carry no register data. */
  status: number;
  syndrome: number;
  data: Buffer;
}

/** An mlx5 command output mailbox: status u8 @0, syndrome BE32 @4, data from @16. */
export function parseMlx5Answer(b: Buffer): Mlx5Answer {
  if (b.length < 16) throw new ParseError(PARSER, `an mlx5 output mailbox has a 16-byte header, got ${b.length} bytes`);
  return { status: b.readUInt8(0), syndrome: b.readUInt32BE(4), data: b.subarray(16) };
}

export interface NvItem {
  /** config_item_ext.length: bytes of TLV data. */
  length: number;
  version: number;
  writerId: number;
  accessMode: number;
  typeIndex: number;
  typeClass: number;
  data: Buffer;
}

/** MNVDA register data: config_item_ext header (12 bytes) then the TLV data. */
export function parseMnvda(reg: Buffer): NvItem {
  if (reg.length < 12) throw new ParseError(PARSER, `MNVDA needs a 12-byte item header, got ${reg.length} bytes`);
  const w0 = reg.readUInt32BE(0);
  const w1 = reg.readUInt32BE(4);
  const length = w0 & 0x1ff;
  if (12 + length > reg.length) throw new ParseError(PARSER, `MNVDA item says ${length} data bytes, only ${reg.length - 12} present`);
  return {
    length,
    version: (w0 >>> 12) & 0xf,
    writerId: (w0 >>> 16) & 0x1f,
    accessMode: (w0 >>> 22) & 0x3,
    typeIndex: w1 & 0xffffff,
    typeClass: w1 >>> 24,
    data: reg.subarray(12, 12 + length),
  };
}
