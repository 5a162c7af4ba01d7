import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../../collector/classes/index.js';
import { checkAllowed, gatherIoctls, ioctlRequests, IoctlRefused } from '../../../collector/ioctl/allowlist.js';
import { ETHTOOL, ethtoolBuffer, ethtoolCall } from '../../../collector/ioctl/ethtool.js';

/** The read-only ioctl allow-list is gathered from what each class declares (collector/classes/<name>/ioctls.ts). */
describe('ioctl allow-list', () => {
  it('holds exactly the ioctls the classes declare, with their request numbers', () => {
    expect(CLASSES.flatMap((c) => Object.keys(c.ioctls ?? {}).map((n) => `${c.name} ${n}`)).sort()).toEqual([
      'cxl CXL_MEM_QUERY_COMMANDS', 'cxl CXL_MEM_SEND_COMMAND', 'mlx5 FWCTL_INFO', 'mlx5 FWCTL_RPC', 'nic SIOCETHTOOL', 'nvme NVME_IOCTL_ADMIN_CMD',
    ]);
    // The numbers the kernel headers give (linux/sockios.h, linux/nvme_ioctl.h, linux/fwctl.h, linux/cxl_mem.h).
    expect(Object.fromEntries(ioctlRequests())).toEqual({
      SIOCETHTOOL: 0x8946, NVME_IOCTL_ADMIN_CMD: 0xc0484e41, FWCTL_INFO: 0x9a00, FWCTL_RPC: 0x9a01, CXL_MEM_QUERY_COMMANDS: 0x8008ce01, CXL_MEM_SEND_COMMAND: 0xc030ce02,
    });
  });

  it('refuses a request name two classes declare', () => {
    const policy = { request: 1, check: (): void => {} };
    expect(() => gatherIoctls([{ name: 'a', sources: [], ioctls: { X: policy } }, { name: 'b', sources: [], ioctls: { X: policy } }])).toThrow(/ioctl X is declared by both a and b/);
  });

  it('refuses a call whose name no class declares or whose number is not the declared one, and runs the class check otherwise', () => {
    const read = ethtoolCall('eth0', ethtoolBuffer(ETHTOOL.GDRVINFO, 196));
    expect(() => checkAllowed(read, { includeEeprom: false })).not.toThrow();
    expect(() => checkAllowed({ ...read, name: 'SIOCSIFFLAGS' }, { includeEeprom: false })).toThrow(IoctlRefused);
    expect(() => checkAllowed({ ...read, request: 0x8914 }, { includeEeprom: false })).toThrow(/request 0x8914 \(SIOCETHTOOL\) is not on the allow-list/);
    expect(() => checkAllowed(ethtoolCall('eth0', ethtoolBuffer(0x09, 196)), { includeEeprom: false })).toThrow(/ethtool command 0x9 is not read-only/);
  });
});
