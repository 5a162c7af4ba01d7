import { describe, expect, it } from 'vitest';
import { selectSources } from '../../collector/collect.js';

describe('the mlx5 source under its earlier names', () => {
  it('--only accepts mlx and fwctl, the two sources of earlier releases it joins', () => {
    expect(selectSources(['mlx', 'fwctl']).run).toEqual(['mlx5']);
  });
});
