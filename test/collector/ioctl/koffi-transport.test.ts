import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { IoctlRefused, ioctlRequests } from '../../../collector/ioctl/allowlist.js';
import { IFR_DATA_OFFSET } from '../../../collector/ioctl/ifreq.js';
import { KoffiTransport } from '../../../collector/ioctl/koffi-transport.js';
import { NativeArgument, type Koffi } from '../../../collector/ioctl/native-memory.js';
import type { IoctlCall } from '../../../collector/source.js';

const koffi = createRequire(import.meta.url)('koffi') as Koffi;
const ENOENT = 2;
const ENOTTY = 25;

// Two allow-listed requests, whichever classes declare them: the transport checks only a call's name and number,
// and /dev/null answers every request with ENOTTY.
const [[NAME, REQUEST], [OTHER_NAME, OTHER_REQUEST]] = [...ioctlRequests()].sort(([a], [b]) => a.localeCompare(b)) as [string, number][];
const pathCall = (path: string): IoctlCall => ({ target: { kind: 'path', path }, name: NAME, request: REQUEST, arg: Buffer.alloc(72), pointers: [{ offset: 24, buffer: Buffer.alloc(4096) }] });
const netdevCall = (ifname: string): IoctlCall => ({ target: { kind: 'netdev', ifname }, name: NAME, request: REQUEST, arg: Buffer.alloc(0), pointers: [{ offset: IFR_DATA_OFFSET, buffer: Buffer.alloc(196) }] });

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
      expect(OTHER_REQUEST).not.toBe(REQUEST);
      const reset: IoctlCall = { ...pathCall('/dev/null'), request: 0x4e44 };
      expect(() => t.call(reset)).toThrow(IoctlRefused);
      const mislabelled: IoctlCall = { ...netdevCall('lo'), name: OTHER_NAME };
      expect(() => t.call(mislabelled)).toThrow(/not on the allow-list/);
    } finally {
      t.close();
    }
  });

  it('refuses a netdev call that is not one ifr_data buffer, and bad interface names', () => {
    const t = new KoffiTransport();
    try {
      expect(() => t.call({ ...netdevCall('lo'), arg: Buffer.alloc(40) })).toThrow(IoctlRefused);
      expect(() => t.call(netdevCall('a-name-longer-than-15'))).toThrow(/not a valid interface name/);
    } finally {
      t.close();
    }
  });

  it('reports errno for paths it cannot open and for ioctls the device does not know', () => {
    const t = new KoffiTransport();
    try {
      expect(t.call(pathCall('/nonexistent/dev9'))).toEqual({ rc: -1, errno: ENOENT });
      // Every allow-listed request reaches the kernel, which answers; a number above 2^31 passes through the unsigned long parameter.
      expect([...ioctlRequests().values()].some((r) => r > 2 ** 31)).toBe(true);
      for (const [name, request] of ioctlRequests()) expect(t.call({ ...pathCall('/dev/null'), name, request }), name).toEqual({ rc: -1, errno: ENOTTY });
    } finally {
      t.close();
    }
  });

  it('opens each path once and closes every descriptor on close()', () => {
    const fds = (): number => readdirSync('/proc/self/fd').length;
    const before = fds();
    const t = new KoffiTransport();
    const call = (path: string): void => void t.call(pathCall(path));
    call('/dev/null');
    call('/dev/null');
    call('/dev/zero');
    expect(fds()).toBe(before + 2);
    t.close();
    expect(fds()).toBe(before);
  });

  // A netdev call's one socket, and the transport against a live interface compared with ethtool -i: test/nic/koffi-transport-live.test.ts.
});
