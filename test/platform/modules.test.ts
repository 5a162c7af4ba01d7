import { describe, expect, it } from 'vitest';
import { driverIsBound, moduleOfDriver } from '../../collector/classes/platform/modules.js';

describe('modules of bound PCI drivers', () => {
  it('counts a driver as bound only when a function is listed under it', () => {
    expect(driverIsBound(['0000:3b:00.0', 'bind', 'module', 'new_id', 'remove_id', 'uevent', 'unbind'])).toBe(true);
    expect(driverIsBound(['bind', 'module', 'new_id', 'remove_id', 'uevent', 'unbind'])).toBe(false);
  });

  it('takes the module from the module link, else from the driver name', () => {
    expect(moduleOfDriver('mlx5_core', '../../../../module/mlx5_core')).toBe('mlx5_core');
    expect(moduleOfDriver('virtio-pci', undefined)).toBe('virtio_pci');
  });
});
