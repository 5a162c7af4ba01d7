import { describe, expect, it } from 'vitest';
import { toolError, toolLines } from '../../analyzer/classes/mlx5/tool-lines.js';

describe('toolLines: an mst tool output read line by line, its -v lines taken out', () => {
  it('gives each line the version named above it, and the last version', () => {
    const out = toolLines('-E- before\nmlxconfig, mft 4.22.1-11, built on Nov 14 2022, 10:37:43. Git SHA Hash: N/A\n-E- after\n');
    expect(out.version).toBe('mlxconfig, mft 4.22.1-11');
    expect(out.lines.map((l) => [l.no, l.s, l.version])).toEqual([[1, '-E- before', undefined], [3, '-E- after', 'mlxconfig, mft 4.22.1-11']]);
    expect(out.lines.map((l) => toolError(l.s))).toEqual(['before', 'after']);
    expect(toolError('-W- a warning')).toBeUndefined();
  });
});
