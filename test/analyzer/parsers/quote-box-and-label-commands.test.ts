import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

const texts = (raw: string): string[] => cleanText(raw).lines.map((l) => l.text);

describe('a forum quote box with its mark on the first line only', () => {
  it('is the box\'s mark: the first line is output like the rest', () => {
    const raw = 'ethtool -i eth0:\n> driver: 8139too\nversion: 0.9.28\nbus-info: 0000:00:09.0\n\nlsmod:\n> Module                  Size  Used by\nnls_iso8859_1           4992  1\n';
    expect(texts(raw)).toContain('driver: 8139too');
  });

  it('under an attribution, is a reply\'s quote and stays the earlier message\'s', () => {
    const raw = 'On Mon, 1 Dec 2026 at 10:00, Jane Roe <jroe@example.org> wrote:\n> Does it print a driver?\nIt does:\n\n$ ethtool -i eth0\ndriver: ixgbe\n';
    expect(texts(raw)).not.toContain('Does it print a driver?');
  });
});

describe('commands the text layer knows with no prompt', () => {
  it('modprobe, and a command written as a label ending in a colon after an interface', () => {
    const c = cleanText('sudo ethtool -i eth0\ndriver: ATL1E\n\nsudo modprobe -l atl*\n/lib/modules/2.6.27-9-generic/kernel/drivers/net/atl1e/atl1e.ko\n\nsudo ethtool eth0:\nSettings for eth0:\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([
      ['driver: ATL1E', 'sudo ethtool -i eth0'],
      ['/lib/modules/2.6.27-9-generic/kernel/drivers/net/atl1e/atl1e.ko', 'sudo modprobe -l atl*'],
      ['Settings for eth0:', 'sudo ethtool eth0:'],
    ]);
  });
});

// Real form: an ice maintainer's netdev reply (nic corpus devlink-port/ice-one-by-one-repr-remark-after-command-commands-below),
// `Outputs:` over the sentence saying none was saved, after devlink write commands typed with no output.
describe("a person's label over their sentence", () => {
  it('is their words, not a line of the output above it', () => {
    const c = cleanText("# devlink port function set pci/0000:18:00.0/3 state active\n\nOutputs:\nDon't have it saved, will send it here after rebasing subfunction of top\nof this one.\n");
    expect(c.lines.map((l) => l.text)).not.toContain('Outputs:');
    expect(c.noise.find((n) => n.text === 'Outputs:')?.kind).toBe('prose');
    // A capitalised key over a tool's own line stays the tool's.
    expect(texts('# devlink port show\nFunction:\n  hw_addr 00:00:00:00:00:00\n')).toContain('Function:');
  });
  // Real form: a monitoring check plugin's frame around smartctl's output (nvme corpus smartctl/samsung-960-evo-check-plugin).
  it('is no label over a rule of `=`: a check plugin\'s `Thresholds:` in its frame stays the frame\'s', () => {
    const c = cleanText('Device: /dev/nvme0\n\n================= \nThresholds:\n================= \nPerformance Value IDs:\n[]\n');
    expect(c.noise.find((n) => n.text === 'Thresholds:')?.kind).not.toBe('prose');
  });
});
