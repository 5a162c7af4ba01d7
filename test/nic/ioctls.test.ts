import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { ETHTOOL, ethtoolBuffer, ethtoolCall } from '../../collector/classes/nic/ethtool-ioctl.js';
import { checkAllowed, ioctlRequests, IoctlRefused } from '../../collector/ioctl/allowlist.js';

describe('the nic class on the ioctl allow-list', () => {
  it('declares SIOCETHTOOL alone, with the number linux/sockios.h gives', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'nic')!.ioctls ?? {})).toEqual(['SIOCETHTOOL']);
    expect(ioctlRequests().get('SIOCETHTOOL')).toBe(0x8946);
  });

  it('lets a read through and runs its own check on every call of its name', () => {
    const read = ethtoolCall('eth0', ethtoolBuffer(ETHTOOL.GDRVINFO, 196));
    expect(() => checkAllowed(read, { includeEeprom: false })).not.toThrow();
    expect(() => checkAllowed({ ...read, name: 'SIOCSIFFLAGS' }, { includeEeprom: false })).toThrow(IoctlRefused);
    expect(() => checkAllowed({ ...read, request: 0x8914 }, { includeEeprom: false })).toThrow(/request 0x8914 \(SIOCETHTOOL\) is not on the allow-list/);
    expect(() => checkAllowed(ethtoolCall('eth0', ethtoolBuffer(0x09, 196)), { includeEeprom: false })).toThrow(/ethtool command 0x9 is not read-only/);
  });
});
