import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { IoctlRefused } from '../../../collector/ioctl/allowlist.js';
import { NVME_IOCTL_ADMIN_CMD } from '../../../collector/ioctl/nvme.js';
import { ETHTOOL, ethtoolBuffer, ethtoolCall } from '../../../collector/ioctl/ethtool.js';
import { KoffiTransport } from '../../../collector/ioctl/koffi-transport.js';
import { NativeArgument, type Koffi } from '../../../collector/ioctl/native-memory.js';
import { NVME_ADMIN, nvmeAdminCall } from '../../../collector/ioctl/nvme.js';
import type { IoctlCall } from '../../../collector/source.js';

const koffi = createRequire(import.meta.url)('koffi') as Koffi;
const ENOENT = 2;
const ENOTTY = 25;

describe('NativeArgument', () => {
  it('writes the native address of each pointed-to buffer at its offset, and copies answers back', () => {
    const arg = Buffer.alloc(72, 0x11);
    const data = Buffer.from('identify me');
    const native = NativeArgument.prepare(koffi, arg, [{ offset: 24, buffer: data }]);
    try {
      const address = native.nativeArg.readBigUInt64LE(24);
      expect(address).not.toBe(0n);
      const pointed = Buffer.from(koffi.view(address, data.length));
      expect(pointed.toString()).toBe('identify me');
      // What "the kernel" writes through the pointer and into the argument reaches the caller's buffers.
      pointed.write('ANSWERED!!!');
      native.nativeArg.writeUInt32LE(0xdeadbeef, 68);
      native.copyBack();
      expect(data.toString()).toBe('ANSWERED!!!');
      expect(arg.readUInt32LE(68)).toBe(0xdeadbeef);
      // The caller keeps its own bytes in the pointer field, never a native address.
      expect(arg.readBigUInt64LE(24)).toBe(0x1111111111111111n);
    } finally {
      native.release();
    }
  });

  it('refuses a pointer that does not fit in the argument', () => {
    expect(() => NativeArgument.prepare(koffi, Buffer.alloc(16), [{ offset: 12, buffer: Buffer.alloc(4) }])).toThrow(/offset 12/);
    expect(() => NativeArgument.prepare(koffi, Buffer.alloc(16), [{ offset: -1, buffer: Buffer.alloc(4) }])).toThrow(RangeError);
  });
});

describe('KoffiTransport', () => {
  it('refuses request numbers that are not on the allow-list, whatever the caller checked', () => {
    const t = new KoffiTransport();
    try {
      const reset: IoctlCall = { ...nvmeAdminCall('/dev/null', { opcode: NVME_ADMIN.identify, cdw10: 1, dataLen: 0 }), request: 0x4e44 };
      expect(() => t.call(reset)).toThrow(IoctlRefused);
      const mislabelled: IoctlCall = { ...ethtoolCall('lo', ethtoolBuffer(ETHTOOL.GDRVINFO, 196)), request: NVME_IOCTL_ADMIN_CMD };
      expect(() => t.call(mislabelled)).toThrow(/not on the allow-list/);
    } finally {
      t.close();
    }
  });

  it('refuses a netdev call that is not one ifr_data buffer, and bad interface names', () => {
    const t = new KoffiTransport();
    try {
      expect(() => t.call({ ...ethtoolCall('lo', ethtoolBuffer(3, 196)), arg: Buffer.alloc(40) })).toThrow(IoctlRefused);
      expect(() => t.call(ethtoolCall('a-name-longer-than-15', ethtoolBuffer(3, 196)))).toThrow(/not a valid interface name/);
    } finally {
      t.close();
    }
  });

  it('reports errno for paths it cannot open and for ioctls the device does not know', () => {
    const t = new KoffiTransport();
    try {
      expect(t.call(nvmeAdminCall('/nonexistent/nvme9', { opcode: NVME_ADMIN.identify, cdw10: 1, dataLen: 4096 }))).toEqual({ rc: -1, errno: ENOENT });
      // A request number above 2^31 passes through the unsigned long parameter to the kernel, which answers.
      expect(t.call(nvmeAdminCall('/dev/null', { opcode: NVME_ADMIN.identify, cdw10: 1, dataLen: 4096 }))).toEqual({ rc: -1, errno: ENOTTY });
    } finally {
      t.close();
    }
  });

  it('opens each path once and closes every descriptor on close()', () => {
    const fds = (): number => readdirSync('/proc/self/fd').length;
    const before = fds();
    const t = new KoffiTransport();
    const call = (): void => void t.call(nvmeAdminCall('/dev/null', { opcode: NVME_ADMIN.identify, cdw10: 1, dataLen: 4096 }));
    call();
    call();
    t.call(ethtoolCall('lo', ethtoolBuffer(ETHTOOL.GDRVINFO, 196)));
    expect(fds()).toBe(before + 2);
    t.close();
    expect(fds()).toBe(before);
  });

  // The transport against a live interface, compared with ethtool -i: test/nic/koffi-transport-live.test.ts.
});
