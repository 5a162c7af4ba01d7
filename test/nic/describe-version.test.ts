import { describe, expect, it } from 'vitest';
import { describeVersion } from '../../analyzer/load/describe-version.js';

describe('firmware rows of NICs: scheme, key and unknown flag', () => {
  it('reads a NIC firmware string with the scheme its driver implies', () => {
    expect(describeVersion('9.20 0x8000d8c5 1.3429.0', { driver: 'i40e', component: 'firmware' })).toMatchObject({ scheme: 'intel-nvm', unknown: false });
  });

  it('does not call a build number or bundle id of the same device unknown', () => {
    for (const v of ['0x8000054a', '32345', 'K97758-000']) {
      const d = describeVersion(v, { driver: 'i40e', component: 'fw.bundle_id' });
      expect(d.unknown, v).toBe(false);
      expect(d.scheme, v).not.toBe('intel-nvm');
    }
  });

  it('flags placeholders as unknown', () => {
    expect(describeVersion('N/A', { driver: 'i40e', component: 'firmware' }).unknown).toBe(true);
  });
});
