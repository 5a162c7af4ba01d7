import { describe, expect, it } from 'vitest';
import { selectSources } from '../../collector/collect.js';

describe('the ata source under its earlier names', () => {
  it('--only/--skip accept storage (the source of earlier releases) and smartctl (a part of it)', () => {
    expect(selectSources(['storage']).run).toEqual(['ata']);
    expect(selectSources(['smartctl']).run).toEqual(['ata']);
    expect(selectSources(undefined, ['storage', 'platform']).run).not.toContain('ata');
  });
});
