import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { ioctlRequests } from '../../collector/ioctl/allowlist.js';

describe('the mlx5 class on the ioctl allow-list', () => {
  it('declares FWCTL_INFO and FWCTL_RPC, with the numbers linux/fwctl.h gives', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'mlx5')!.ioctls ?? {}).sort()).toEqual(['FWCTL_INFO', 'FWCTL_RPC']);
    expect(ioctlRequests().get('FWCTL_INFO')).toBe(0x9a00);
    expect(ioctlRequests().get('FWCTL_RPC')).toBe(0x9a01);
  });
});
