import { describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from '../../collector/classes/index.js';

describe('the pci source in the collector', () => {
  it('comes first, the device classes of PCI functions after it, in registration order', () => {
    expect(SOURCE_NAMES.slice(0, 4)).toEqual(['pci', 'nic', 'nvme', 'ata']);
  });
});
