import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';

const nvd1 = readFileSync(new URL('./fixtures/real/smart-log/freebsd-nvd1-nvmecli1645-cli181-trace.txt', import.meta.url), 'utf8');

describe('nvme-cli run on a FreeBSD node', () => {
  it('an nvd disk names no controller: its outputs are keyed by the disk (nvme-cli issue 1645)', () => {
    expect(savedNvmeCommand('nvme smart-log nvd1.txt', nvd1)).toMatchObject({ argv: ['nvme', 'smart-log', '/dev/nvd1'], controller: 'nvd1' });
    expect(savedNvmeCommand('smart-log.txt', nvd1)).toMatchObject({ argv: ['nvme', 'smart-log', '/dev/nvd1'], controller: 'nvd1' });
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nda0.out')).toMatchObject({ argv: ['nvme', 'id-ctrl', '/dev/nda0'], controller: 'nda0' });
  });

  it('a FreeBSD namespace node names its controller', () => {
    expect(savedNvmeCommand('cmd/nvme/fw-log_nvme0ns1.out')).toMatchObject({ argv: ['nvme', 'fw-log', '/dev/nvme0ns1'], controller: 'nvme0' });
  });

  it('a word like a node is no node', () => {
    expect(savedNvmeCommand('cmd/nvme/smart-log_nvdx.out')).toBeUndefined();
    expect(savedNvmeCommand('cmd/nvme/smart-log_nvme0nsx.out')).toBeUndefined();
  });
});
