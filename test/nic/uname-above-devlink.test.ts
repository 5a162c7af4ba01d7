/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a pasted `devlink dev info`: its line is the host's kernel, which the load reads
 * from any saved output, so the text layer sets it aside (test/analyzer/parsers/host-kernel-lines) and it is no unread line here.
 */
import { describe, expect, it } from 'vitest';
import { PASTED_KERNELS as KERNELS } from '../helpers/pasted-kernels.js';
import { parseDevlinkInfo } from '../../analyzer/classes/nic/devlink.js';

const DEVLINK = 'root@host:~# devlink dev info pci/0000:3b:00.0\npci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      fixed:\n        fw.psid MT_0000000008\n      running:\n        fw.version 16.35.2000\n';

describe('devlink dev info under a pasted uname', () => {
  for (const [name, kernel] of KERNELS) {
    it(`${name}: no unread line, the output read`, () => {
      const r = parseDevlinkInfo(`${kernel}${DEVLINK}`);
      expect(r.issues).toEqual([]);
      expect(JSON.stringify(r)).toContain('16.35.2000');
    });
  }
});
