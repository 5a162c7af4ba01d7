import type { IoctlCall } from '../../source.js';

/** struct nvme_admin_cmd (= nvme_passthru_cmd), 72 bytes on x86_64. */
export const NVME_ADMIN_CMD_SIZE = 72;
/** _IOWR('N', 0x41, struct nvme_admin_cmd) (linux/nvme_ioctl.h). */
export const NVME_IOCTL_ADMIN_CMD = 0xc0484e41;
export const NVME_CMD = {
  opcode: 0,
  nsid: 4,
  addr: 24,
  dataLen: 36,
  cdw10: 40,
  cdw11: 44,
  result: 68,
} as const;

export const NVME_ADMIN = { getLogPage: 0x02, identify: 0x06, getFeatures: 0x0a } as const;
export const NVME_NSID_ALL = 0xffffffff;

export interface NvmeAdminCommand {
  opcode: number;
  nsid?: number;
  cdw10: number;
  cdw11?: number;
  /** Bytes the controller transfers to the host; 0 for commands that answer in the result dword. */
  dataLen: number;
}

/** NVME_IOCTL_ADMIN_CMD on a controller node; pointers[0] (when dataLen > 0) receives the data. */
export function nvmeAdminCall(path: string, c: NvmeAdminCommand): IoctlCall {
  const arg = Buffer.alloc(NVME_ADMIN_CMD_SIZE);
  arg.writeUInt8(c.opcode, NVME_CMD.opcode);
  arg.writeUInt32LE(c.nsid ?? 0, NVME_CMD.nsid);
  arg.writeUInt32LE(c.dataLen, NVME_CMD.dataLen);
  arg.writeUInt32LE(c.cdw10 >>> 0, NVME_CMD.cdw10);
  arg.writeUInt32LE((c.cdw11 ?? 0) >>> 0, NVME_CMD.cdw11);
  return {
    target: { kind: 'path', path },
    name: 'NVME_IOCTL_ADMIN_CMD',
    request: NVME_IOCTL_ADMIN_CMD,
    arg,
    pointers: c.dataLen > 0 ? [{ offset: NVME_CMD.addr, buffer: Buffer.alloc(c.dataLen) }] : [],
  };
}

/** Get Log Page cdw10: LID in bits 7:0, NUMDL (0-based dword count, low 16 bits) in 31:16. */
export function logPageCdw10(lid: number, bytes: number): number {
  const numd = bytes / 4 - 1;
  return (((numd & 0xffff) << 16) | (lid & 0xff)) >>> 0;
}
