import { NVME_ADMIN, nvmeAdminCall } from '../../collector/classes/nvme/admin-command.js';
import type { IoctlTransport } from '../../collector/ioctl/transport.js';
import type { Source } from '../../collector/source.js';

/** NVMe status Invalid Field in Command with Do Not Retry, as a controller answers an unsupported feature. */
export const NVME_STATUS_INVALID_FIELD = 0x4002;

/**
 * A source whose command and ioctl outcomes are not all 0, and with outputs cut at a cap: `uname` with an option it does not know exits 1
 * (GNU coreutils and busybox alike), and the fake controller below answers Identify Controller with an NVMe
 * status while Identify Namespace succeeds.
 */
export const source: Source = {
  name: 'statuses',
  description: 'commands and ioctls with non-zero outcomes',
  collect(ctx) {
    ctx.device('probe', 'nvme9');
    ctx.runCommand(['uname', '--no-such-option']);
    ctx.runCommand(['uname', '-s']);
    // Capped: stored truncated, and an extracted bundle must say so again.
    ctx.runCommand(['uname', '-a'], { maxBytes: 4 });
    ctx.collectFile('/proc/version', { maxBytes: 16 });
    const identify = (cns: number, what: string): void =>
      void ctx.ioctl({ class: 'nvme', device: 'nvme9', what, call: nvmeAdminCall('/dev/nvme9', { opcode: NVME_ADMIN.identify, nsid: cns === 0 ? 1 : 0, cdw10: cns, dataLen: 4096 }), answer: 0 });
    identify(1, 'id-ctrl');
    identify(0, 'id-ns');
  },
};

/** Answers Identify Controller (CNS 1) with NVME_STATUS_INVALID_FIELD and a filled buffer, anything else with 0. */
export const statusKernel = (): IoctlTransport => ({
  call(c) {
    c.pointers?.[0]?.buffer.fill(0x5a);
    return { rc: c.arg.readUInt32LE(40) === 1 ? NVME_STATUS_INVALID_FIELD : 0, errno: 0 };
  },
});
