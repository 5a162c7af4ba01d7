import type { IoctlCall, Source, SourceContext } from '../../source.js';
import { accessRegRead, GLOBAL_CAPABILITY_TLVS, MLX5_REGISTERS, mnvdaQuery, NV_CLASS_GLOBAL } from './fwctl-registers.js';

const CLASS_DIR = '/sys/class/fwctl';

/** _IO(FWCTL_TYPE 0x9a, 0) and _IO(0x9a, 1) (linux/fwctl.h). */
export const FWCTL_INFO = 0x9a00;
export const FWCTL_RPC = 0x9a01;

/** struct fwctl_info (x86_64): size @0, flags @4, out_device_type @8, device_data_len @12, out_device_data @16. */
export const FWCTL_INFO_SIZE = 24;
export const FWCTL_INFO_DATA_PTR = 16;
/** struct fwctl_rpc: size @0, scope @4, in_len @8, out_len @12, in @16, out @24. */
export const FWCTL_RPC_SIZE = 32;
export const FWCTL_RPC_IN_PTR = 16;
export const FWCTL_RPC_OUT_PTR = 24;
/** enum fwctl_rpc_scope: only these two never taint the kernel. */
export const FWCTL_RPC_CONFIGURATION = 0;
export const FWCTL_RPC_DEBUG_READ_ONLY = 1;
export const FWCTL_DEVICE_TYPE_MLX5 = 1;
/** Largest device data accepted from FWCTL_INFO (mlx5 sends 8 bytes). */
const INFO_DATA_MAX = 4096;

export function fwctlInfoArg(dataLen: number): Buffer {
  const b = Buffer.alloc(FWCTL_INFO_SIZE);
  b.writeUInt32LE(FWCTL_INFO_SIZE, 0);
  b.writeUInt32LE(dataLen, 12);
  return b;
}

export function fwctlRpcArg(scope: number, inLen: number, outLen: number): Buffer {
  const b = Buffer.alloc(FWCTL_RPC_SIZE);
  b.writeUInt32LE(FWCTL_RPC_SIZE, 0);
  b.writeUInt32LE(scope, 4);
  b.writeUInt32LE(inLen, 8);
  b.writeUInt32LE(outLen, 12);
  return b;
}

function infoCall(path: string, data?: Buffer): IoctlCall {
  return {
    target: { kind: 'path', path },
    name: 'FWCTL_INFO',
    request: FWCTL_INFO,
    arg: fwctlInfoArg(data?.length ?? 0),
    pointers: data ? [{ offset: FWCTL_INFO_DATA_PTR, buffer: data }] : [],
  };
}

/** A read-only mlx5 RPC: the answer stored is the whole out mailbox (status, syndrome, data). */
function rpcCall(path: string, mailbox: Buffer): IoctlCall {
  return {
    target: { kind: 'path', path },
    name: 'FWCTL_RPC',
    request: FWCTL_RPC,
    arg: fwctlRpcArg(FWCTL_RPC_DEBUG_READ_ONLY, mailbox.length, mailbox.length),
    pointers: [
      { offset: FWCTL_RPC_IN_PTR, buffer: mailbox },
      { offset: FWCTL_RPC_OUT_PTR, buffer: Buffer.alloc(mailbox.length) },
    ],
  };
}

function collectMlx5(ctx: SourceContext, name: string, path: string): void {
  const mgir = MLX5_REGISTERS.MGIR;
  ctx.ioctl({ class: 'fwctl', device: name, what: 'access-reg-mgir', call: rpcCall(path, accessRegRead(mgir.id, Buffer.alloc(mgir.size))), answer: 1 });
  for (const tlv of GLOBAL_CAPABILITY_TLVS) {
    const reg = mnvdaQuery(NV_CLASS_GLOBAL, tlv.id, tlv.size);
    ctx.ioctl({ class: 'fwctl', device: name, what: `mnvda-${tlv.name}`, call: rpcCall(path, accessRegRead(MLX5_REGISTERS.MNVDA.id, reg)), answer: 1 });
  }
}

function collectDevice(ctx: SourceContext, name: string): void {
  const dir = `${CLASS_DIR}/${name}`;
  ctx.device('fwctl', name);
  ctx.collectLink(dir, { directory: true });
  const present = new Set(ctx.listDir(dir) ?? []);
  if (present.has('device')) ctx.collectLink(`${dir}/device`);
  ctx.collectAttributes(dir, ['dev', 'uevent'].filter((n) => present.has(n)));
  const path = `/dev/fwctl/${name}`;
  const probe = ctx.ioctl({ class: 'fwctl', device: name, what: 'info', call: infoCall(path), answer: 'arg' });
  if (!probe || probe.data.length < FWCTL_INFO_SIZE) return;
  const type = probe.data.readUInt32LE(8);
  const dataLen = Math.min(probe.data.readUInt32LE(12), INFO_DATA_MAX);
  if (dataLen > 0) ctx.ioctl({ class: 'fwctl', device: name, what: 'info-data', call: infoCall(path, Buffer.alloc(dataLen)), answer: 0 });
  if (type === FWCTL_DEVICE_TYPE_MLX5) collectMlx5(ctx, name, path);
}

export const source: Source = {
  name: 'fwctl',
  description: 'fwctl devices (Linux 6.15+): device type and data, and for mlx5 read-only register reads (MGIR, NV capability TLVs)',
  collect(ctx) {
    if (!ctx.isDir(CLASS_DIR)) ctx.skip('no /sys/class/fwctl on this host (kernel before 6.15 or no fwctl driver)');
    const names = ctx.listDir(CLASS_DIR) ?? [];
    if (names.length === 0) ctx.skip('no fwctl devices on this host');
    for (const name of names) {
      if (/^fwctl\d+$/.test(name)) collectDevice(ctx, name);
      else ctx.issue(`${CLASS_DIR}/${name}`, 'UNEXPECTED', 'not named fwctlN; not opened');
    }
  },
};
