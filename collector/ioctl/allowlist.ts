import type { IoctlCall } from '../source.js';

/**
 * Every ioctl request the collector may issue. Each is read-only; the argument checks below refuse
 * any variant that could write, reset or taint (they run before any transport, real or fake).
 */
export const IOCTL_REQUESTS = {
  SIOCETHTOOL: 0x8946,
  NVME_IOCTL_ADMIN_CMD: 0xc0484e41,
  FWCTL_INFO: 0x9a00,
  FWCTL_RPC: 0x9a01,
} as const;

export type IoctlRequestName = keyof typeof IOCTL_REQUESTS;

/** ethtool sub-commands that only read. */
export const ETHTOOL_READ_COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x03, 'ETHTOOL_GDRVINFO'],
  [0x04, 'ETHTOOL_GREGS'],
  [0x05, 'ETHTOOL_GWOL'],
  [0x0a, 'ETHTOOL_GLINK'],
  [0x0b, 'ETHTOOL_GEEPROM'],
  [0x0e, 'ETHTOOL_GCOALESCE'],
  [0x10, 'ETHTOOL_GRINGPARAM'],
  [0x12, 'ETHTOOL_GPAUSEPARAM'],
  [0x1b, 'ETHTOOL_GSTRINGS'],
  [0x20, 'ETHTOOL_GPERMADDR'],
  [0x27, 'ETHTOOL_GPFLAGS'],
  [0x37, 'ETHTOOL_GSSET_INFO'],
  [0x3a, 'ETHTOOL_GFEATURES'],
  [0x3c, 'ETHTOOL_GCHANNELS'],
  [0x42, 'ETHTOOL_GMODULEINFO'],
  [0x43, 'ETHTOOL_GMODULEEEPROM'],
  [0x44, 'ETHTOOL_GEEE'],
  [0x4c, 'ETHTOOL_GLINKSETTINGS'],
  [0x50, 'ETHTOOL_GFECPARAM'],
]);

/** ethtool commands that some drivers answer by stalling the device; only with --include-eeprom. */
export const ETHTOOL_EEPROM_COMMANDS: ReadonlySet<number> = new Set([0x0b, 0x42, 0x43]);

/** NVMe admin opcodes that only read: Get Log Page, Identify, Get Features. */
export const NVME_READ_OPCODES: ReadonlyMap<number, string> = new Map([
  [0x02, 'Get Log Page'],
  [0x06, 'Identify'],
  [0x0a, 'Get Features'],
]);

/** fwctl RPC scopes that never taint the kernel: FWCTL_RPC_CONFIGURATION (0), FWCTL_RPC_DEBUG_READ_ONLY (1). */
export const FWCTL_SAFE_SCOPES: ReadonlySet<number> = new Set([0, 1]);

/**
 * mlx5 registers whose ACCESS_REG read has no side effect (no clear-on-read counters, no module
 * access). ACCESS_REG with op_mod 0 is a write and the mlx5 driver accepts it at every scope.
 */
export const FWCTL_MLX5_READ_REGISTERS: ReadonlyMap<number, string> = new Map([
  [0x9020, 'MGIR'],
  [0x9024, 'MNVDA'],
  [0x9030, 'MNVQC'],
  [0x9060, 'MCQS'],
  [0x907f, 'MCAM'],
]);
const MLX5_CMD_OP_ACCESS_REG = 0x805;
const FWCTL_DEVICE = /^\/dev\/fwctl\/fwctl\d+$/;

export class IoctlRefused extends Error {
  constructor(message: string) {
    super(`ioctl refused: ${message}`);
  }
}

export interface AllowPolicy {
  includeEeprom: boolean;
}

/** Throws IoctlRefused unless the call is on the read-only allow-list. */
export function checkAllowed(call: IoctlCall, policy: AllowPolicy): void {
  const expected = IOCTL_REQUESTS[call.name];
  if (expected === undefined || expected !== call.request) {
    throw new IoctlRefused(`request 0x${call.request.toString(16)} (${call.name}) is not on the allow-list`);
  }
  switch (call.name) {
    case 'SIOCETHTOOL': {
      if (call.target.kind !== 'netdev') throw new IoctlRefused('SIOCETHTOOL needs a network interface');
      const data = call.pointers?.[0]?.buffer;
      if (!data || data.length < 4) throw new IoctlRefused('SIOCETHTOOL without an ethtool command buffer');
      const cmd = data.readUInt32LE(0);
      if (!ETHTOOL_READ_COMMANDS.has(cmd)) throw new IoctlRefused(`ethtool command 0x${cmd.toString(16)} is not read-only`);
      if (ETHTOOL_EEPROM_COMMANDS.has(cmd) && !policy.includeEeprom) {
        throw new IoctlRefused(`${ETHTOOL_READ_COMMANDS.get(cmd)} needs --include-eeprom`);
      }
      return;
    }
    case 'NVME_IOCTL_ADMIN_CMD': {
      if (call.arg.length !== 72) throw new IoctlRefused('nvme_admin_cmd must be 72 bytes');
      const opcode = call.arg.readUInt8(0);
      if (!NVME_READ_OPCODES.has(opcode)) throw new IoctlRefused(`NVMe admin opcode 0x${opcode.toString(16)} is not read-only`);
      return;
    }
    case 'FWCTL_INFO':
      return checkFwctlInfo(call);
    case 'FWCTL_RPC':
      return checkFwctlRpc(call);
  }
}

function fwctlTarget(call: IoctlCall): void {
  if (call.target.kind !== 'path' || !FWCTL_DEVICE.test(call.target.path)) throw new IoctlRefused(`${call.name} needs a /dev/fwctl/fwctlN device`);
}

/** The pointed-to buffer at `offset`, at least `len` bytes long. */
function pointerAt(call: IoctlCall, offset: number, len: number, what: string): Buffer {
  const p = call.pointers?.find((x) => x.offset === offset);
  if (!p || p.buffer.length < len) throw new IoctlRefused(`${call.name}: ${what} buffer missing or shorter than ${len} bytes`);
  return p.buffer;
}

/** struct fwctl_info: size @0 (24), flags @4 (0), device_data_len @12, out_device_data pointer @16. */
function checkFwctlInfo(call: IoctlCall): void {
  fwctlTarget(call);
  if (call.arg.length !== 24 || call.arg.readUInt32LE(0) !== 24) throw new IoctlRefused('fwctl_info must be 24 bytes and say so');
  if (call.arg.readUInt32LE(4) !== 0) throw new IoctlRefused('fwctl_info flags must be 0');
  const len = call.arg.readUInt32LE(12);
  if (len > 0) pointerAt(call, 16, len, 'device data');
  else if (call.pointers?.length) throw new IoctlRefused('fwctl_info without device_data_len carries no pointer');
}

/**
 * struct fwctl_rpc: size @0 (32), scope @4, in_len @8, out_len @12, in @16, out @24. Only the two scopes
 * that never taint, and only mlx5 ACCESS_REG reads (op_mod 1) of side-effect-free registers.
 */
function checkFwctlRpc(call: IoctlCall): void {
  fwctlTarget(call);
  if (call.arg.length !== 32 || call.arg.readUInt32LE(0) !== 32) throw new IoctlRefused('fwctl_rpc must be 32 bytes and say so');
  const scope = call.arg.readUInt32LE(4);
  if (!FWCTL_SAFE_SCOPES.has(scope)) throw new IoctlRefused(`fwctl scope ${scope} may taint the kernel or write`);
  const inLen = call.arg.readUInt32LE(8);
  const outLen = call.arg.readUInt32LE(12);
  if (call.pointers?.length !== 2) throw new IoctlRefused('fwctl_rpc needs exactly an in and an out buffer');
  const mbox = pointerAt(call, 16, inLen, 'in');
  pointerAt(call, 24, outLen, 'out');
  if (inLen < 16 || outLen < 16) throw new IoctlRefused('fwctl_rpc mailboxes are at least 16 bytes');
  const opcode = mbox.readUInt16BE(0);
  if (opcode !== MLX5_CMD_OP_ACCESS_REG) throw new IoctlRefused(`mlx5 opcode 0x${opcode.toString(16)} is not on the read-only list`);
  if (mbox.readUInt16BE(6) !== 1) throw new IoctlRefused('ACCESS_REG with op_mod other than 1 (read) writes a register');
  const reg = mbox.readUInt16BE(10);
  if (!FWCTL_MLX5_READ_REGISTERS.has(reg)) throw new IoctlRefused(`register 0x${reg.toString(16)} is not on the read-only list`);
}
