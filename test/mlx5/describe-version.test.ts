import { describe, expect, it } from 'vitest';
import { describeVersion } from '../../analyzer/load/describe-version.js';

describe('firmware rows of mlx5 devices: scheme, key and unknown flag', () => {
  it('reads a ConnectX firmware string with the scheme its driver implies, its family the major', () => {
    expect(describeVersion('22.39.1002', { driver: 'mlx5_core', component: 'firmware' })).toMatchObject({ scheme: 'mlx5', family: '22', unknown: false });
  });

  it('flags placeholders as unknown', () => {
    expect(describeVersion('255.255.65535', { driver: 'mlx5_core', component: 'firmware' }).unknown).toBe(true);
  });

  it('keeps a scheme the row names, even when the string does not fit it', () => {
    expect(describeVersion('garbage', { scheme: 'mlx5', component: 'firmware' })).toMatchObject({ scheme: 'mlx5', unknown: true });
  });
});
