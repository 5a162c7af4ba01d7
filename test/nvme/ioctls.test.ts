import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { ioctlRequests } from '../../collector/ioctl/allowlist.js';

describe('the nvme class on the ioctl allow-list', () => {
  it('declares NVME_IOCTL_ADMIN_CMD alone, with the number linux/nvme_ioctl.h gives', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'nvme')!.ioctls ?? {})).toEqual(['NVME_IOCTL_ADMIN_CMD']);
    expect(ioctlRequests().get('NVME_IOCTL_ADMIN_CMD')).toBe(0xc0484e41);
  });
});
