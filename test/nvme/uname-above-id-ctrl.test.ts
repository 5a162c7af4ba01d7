/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a pasted `nvme id-ctrl`: its line is the host's kernel, which the load reads
 * from any saved output, so the text layer sets it aside (test/analyzer/parsers/host-kernel-lines) and it is no unread line here.
 */
import { describe, expect, it } from 'vitest';
import { PASTED_KERNELS as KERNELS } from '../helpers/pasted-kernels.js';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';

const ID_CTRL = '# nvme id-ctrl /dev/nvme0\nNVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\n';

describe('nvme id-ctrl under a pasted uname', () => {
  for (const [name, kernel] of KERNELS) {
    it(`${name}: no unread line, the output read`, () => {
      const r = parseIdCtrlText(`${kernel}${ID_CTRL}`);
      expect(r.issues).toEqual([]);
      expect(r.idCtrl).toMatchObject({ firmware: '2B2QEXM7' });
    });
  }
});
