import { describe, expect, it } from 'vitest';
import { selectSources } from '../../collector/collect.js';

describe('the nic source under its earlier names', () => {
  it('--only accepts net and devlink, the two sources of earlier releases it joins', () => {
    expect(selectSources(['net', 'devlink']).run).toEqual(['nic']);
  });
});
