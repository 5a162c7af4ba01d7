/**
 * An nvme-cli output saved under a name that names its node but no subcommand (a forum poster's
 * `nvme smart-log /dev/nvme1n1 > nvme1n1.txt`) is the subcommand its own heading prints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';

// The heading and first lines of that poster's file (an Ubuntu forums thread, 2023), as `cat nvme1n1.txt` printed them.
const SMART_LOG = 'Smart Log for NVME device:nvme1n1 namespace-id:ffffffff\ncritical_warning\t\t\t: 0\ntemperature\t\t\t\t: 32 C (305 Kelvin)\n';

describe('a saved nvme output whose name says no subcommand', () => {
  it('takes the one its heading prints', () => {
    expect(savedNvmeCommand('cmd/nvme/nvme1n1.txt', `$ cat nvme1n1.txt\n\n${SMART_LOG}`)?.argv).toEqual(['nvme', 'smart-log', '/dev/nvme1n1']);
    expect(savedNvmeCommand('cmd/nvme/nvme0.txt', 'Firmware Log for device:nvme0\nafi  : 0x1\nfrs1 : 0x3230343230303045 (E0024020)\n')?.argv).toEqual(['nvme', 'fw-log', '/dev/nvme0']);
  });

  it('a name with a subcommand keeps it; a text with two headings says none', () => {
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme1.txt', SMART_LOG)?.argv[1]).toBe('id-ctrl');
    expect(savedNvmeCommand('cmd/nvme/nvme1.txt', `${SMART_LOG}Firmware Log for device:nvme1\n`)).toBeUndefined();
  });

  it('a heading quoted in a mail counts: another subcommand typed above it does not make it that one (a stable@ reply)', () => {
    const reply = readFileSync(new URL('./fixtures/replies/samsung-mzwlr3t8hbls-stable-mail-quoted-after-id-ns-runs.txt', import.meta.url), 'utf8');
    expect(savedNvmeCommand('cmd/nvme/nvme.txt', reply)?.argv[1]).toBe('id-ctrl');
  });
});
