import { IoctlRefused, pointerAt } from '../../ioctl/refused.js';
import type { IoctlCall, IoctlPolicies } from '../../source.js';
import { FWCTL_INFO, FWCTL_RPC } from './fwctl.js';

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

function fwctlTarget(call: IoctlCall): void {
  if (call.target.kind !== 'path' || !FWCTL_DEVICE.test(call.target.path)) throw new IoctlRefused(`${call.name} needs a /dev/fwctl/fwctlN device`);
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

/** fwctl's info and RPC ioctls on /dev/fwctl/fwctlN, the RPC only as a read of a register without side effects. */
export const ioctls: IoctlPolicies = {
  FWCTL_INFO: { request: FWCTL_INFO, check: checkFwctlInfo },
  FWCTL_RPC: { request: FWCTL_RPC, check: checkFwctlRpc },
};
