import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRVINFO, ETHTOOL, cString, ethtoolBuffer, ethtoolCall } from '../../collector/classes/nic/ethtool-ioctl.js';
import { KoffiTransport } from '../../collector/ioctl/koffi-transport.js';
import { ethtoolInfo, liveNic } from './live-nic.js';

describe('KoffiTransport against a live interface', () => {
  const nic = liveNic();
  it.runIf(nic)(`answers ETHTOOL_GDRVINFO on ${nic ?? 'a live NIC'} as ethtool -i does`, () => {
    const t = new KoffiTransport();
    try {
      const cmd = ethtoolBuffer(ETHTOOL.GDRVINFO, 196);
      expect(t.call(ethtoolCall(nic!, cmd))).toEqual({ rc: 0, errno: 0 });
      const info = ethtoolInfo(nic!);
      expect(cString(cmd, DRVINFO.driver, 32)).toBe(info.driver);
      expect(cString(cmd, DRVINFO.version, 32)).toBe(info.version);
      expect(cString(cmd, DRVINFO.fwVersion, 32)).toBe(info['firmware-version']);
      expect(cString(cmd, DRVINFO.busInfo, 32)).toBe(info['bus-info']);
      expect(cmd.readUInt32LE(DRVINFO.regdumpLen) > 0).toBe(info['supports-register-dump'] === 'yes');
    } finally {
      t.close();
    }
  });

  it('opens one socket for its interface calls, and closes it on close()', () => {
    const fds = (): number => readdirSync('/proc/self/fd').length;
    const before = fds();
    const t = new KoffiTransport();
    t.call(ethtoolCall('lo', ethtoolBuffer(ETHTOOL.GDRVINFO, 196)));
    t.call(ethtoolCall('lo', ethtoolBuffer(ETHTOOL.GDRVINFO, 196)));
    expect(fds()).toBe(before + 1);
    t.close();
    expect(fds()).toBe(before);
  });
});
