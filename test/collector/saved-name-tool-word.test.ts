import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { savedNameWords } from '../../collector/saved-output-name.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/**
 * People often save an output under the whole command line they typed, tool word first (`smartctl_-a_sda.txt`,
 * `nvme id-ctrl nvme0.txt`, `sudo smartctl -x sdb.log`): the tool's own name and a `sudo` before it are not
 * words of the command (before, smartctl read `smartctl` as a device, /dev/smartctl/sda, and nvme-cli refused the name).
 */
const SMARTCTL = [
  'smartctl 7.2 2020-12-30 r5155 [x86_64-linux-5.10.0-9-amd64] (local build)',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Device Model:     Samsung SSD 860 EVO 500GB',
  'Serial Number:    S3Z1NB0K000000A',
  'Firmware Version: RVT02B6Q',
  '',
].join('\n');
const ID_CTRL = 'NVME Identify Controller:\nvid       : 0x144d\nsn        : S1\nmn        : M\nfr        : 1.0\n';

async function readAs(files: Record<string, string>): Promise<Record<string, string>> {
  const root = treeOf(files);
  const { manifest } = await collect({ output: join(tempDir(), 'b.tar.gz'), root, isolation: 'inline' });
  expect(manifest.issues.filter((i) => i.code === 'NOT_READ' || i.code === 'UNKNOWN_NAME').map((i) => i.target)).toEqual([]);
  return Object.fromEntries(manifest.artifacts.filter((a) => a.replayedFrom !== undefined && a.origin.kind === 'cmd' && a.origin.stream === 'stdout').map((a) => [a.replayedFrom!, a.name]));
}

describe('a saved name that starts with the tool word', () => {
  it('the tool word of the folder, and sudo before it, are not words of the command', () => {
    expect(savedNameWords('cmd/smartctl/smartctl_-a_sda.txt')).toEqual(['-a', 'sda']);
    expect(savedNameWords('cmd/smartctl/sudo smartctl -x sdb.log')).toEqual(['-x', 'sdb']);
    expect(savedNameWords('cmd/nvme/nvme id-ctrl nvme0.txt')).toEqual(['id-ctrl', 'nvme0']);
    expect(savedNameWords('cmd/nvme/NVME_id-ctrl_nvme0.txt')).toEqual(['id-ctrl', 'nvme0']);
    expect(savedNameWords('cmd/smartctl/smartctl.exe -x sda.txt')).toEqual(['-x', 'sda']);
    expect(savedNameWords('cmd/nvme/sudo nvme.exe list.txt')).toEqual(['list']);
    // Only the first word: a device or value that happens to spell the tool stays.
    expect(savedNameWords('cmd/nvme/id-ctrl_nvme0.txt')).toEqual(['id-ctrl', 'nvme0']);
    expect(savedNameWords('cmd/smartctl/-x_sda.out')).toEqual(['-x', 'sda']);
  });

  it('smartctl and nvme-cli outputs saved under the whole command line are read as that command', async () => {
    expect(await readAs({
      'cmd/smartctl/smartctl_-a_sda.txt': SMARTCTL,
      'cmd/smartctl/sudo smartctl -x sdb.log': SMARTCTL.replace('S3Z1NB0K000000A', 'S3Z1NB0K000000B'),
      'cmd/nvme/nvme_id-ctrl_nvme0.txt': ID_CTRL,
      'cmd/nvme/nvme fw-log nvme1.txt': 'Firmware Log for device:nvme1\nafi  : 0x1\nfrs1 : 0x3130302e31202020 (1.00   )\n',
    })).toEqual({
      'cmd/smartctl/smartctl_-a_sda.txt': 'cmd/smartctl/-a_%2fdev%2fsda.out',
      'cmd/smartctl/sudo smartctl -x sdb.log': 'cmd/smartctl/-x_%2fdev%2fsdb.out',
      'cmd/nvme/nvme_id-ctrl_nvme0.txt': 'cmd/nvme/id-ctrl_%2fdev%2fnvme0.out',
      'cmd/nvme/nvme fw-log nvme1.txt': 'cmd/nvme/fw-log_%2fdev%2fnvme1.out',
    });
  });
});
