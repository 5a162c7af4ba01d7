/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a pasted `mstflint q`: its line is the host's kernel, which the load reads
 * from any saved output, so the text layer sets it aside (test/analyzer/parsers/host-kernel-lines) and it is no unread line here.
 */
import { describe, expect, it } from 'vitest';
import { PASTED_KERNELS as KERNELS } from '../helpers/pasted-kernels.js';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';

const FLINT_Q = '# mstflint -d 3b:00.0 q\nImage type:            FS4\nFW Version:            16.35.2000\nFW Release Date:       19.1.2023\nProduct Version:       16.35.2000\nPSID:                  MT_0000000008\n';

describe('mstflint q under a pasted uname', () => {
  for (const [name, kernel] of KERNELS) {
    it(`${name}: no unread line, the output read`, () => {
      const r = parseMstflintQuery(`${kernel}${FLINT_Q}`);
      expect(r.issues).toEqual([]);
      expect(JSON.stringify(r)).toContain('MT_0000000008');
    });
  }
});
