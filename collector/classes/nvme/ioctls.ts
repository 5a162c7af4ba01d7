import { NVME_IOCTL_ADMIN_CMD } from './admin-command.js';
import { IoctlRefused } from '../../ioctl/refused.js';
import type { IoctlPolicies } from '../../source.js';

/** NVMe admin opcodes that only read: Get Log Page, Identify, Get Features. */
export const NVME_READ_OPCODES: ReadonlyMap<number, string> = new Map([
  [0x02, 'Get Log Page'],
  [0x06, 'Identify'],
  [0x0a, 'Get Features'],
]);

/** NVME_IOCTL_ADMIN_CMD with an admin command that only reads. */
export const ioctls: IoctlPolicies = {
  NVME_IOCTL_ADMIN_CMD: {
    request: NVME_IOCTL_ADMIN_CMD,
    check(call) {
      if (call.arg.length !== 72) throw new IoctlRefused('nvme_admin_cmd must be 72 bytes');
      const opcode = call.arg.readUInt8(0);
      if (!NVME_READ_OPCODES.has(opcode)) throw new IoctlRefused(`NVMe admin opcode 0x${opcode.toString(16)} is not read-only`);
    },
  },
};
