/**
 * A devlink port line is long (handle, type, netdev, flavour, port, splittable, lanes: 90 columns and more), and a
 * writer or a mail client wraps it: its rest (`port 0 splittable true lanes 4`) lands on the next line at the margin.
 * Before, that rest was an unread line and the port lost its number, splittable and lanes. Real sample: the nfp
 * vf_count RFC's commit message (fixtures/real/devlink-port/nfp-vf-count-port-line-wrapped-eg-label).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDevlinkPorts } from '../../analyzer/classes/nic/devlink-port.js';

const NFP = readFileSync(new URL('./fixtures/real/devlink-port/nfp-vf-count-port-line-wrapped-eg-label.txt', import.meta.url), 'utf8');

describe('a devlink port line wrapped onto the next line', () => {
  it('reads the rest as the port line\'s (real nfp commit message)', () => {
    const { items, issues } = parseDevlinkPorts(NFP);
    expect(items.map((p) => p.attrs)).toEqual([
      { type: 'eth', netdev: 'enp130s0np0', flavour: 'physical', port: 0, splittable: true, lanes: 4 },
      { type: 'eth', netdev: 'enp130s0np0', flavour: 'physical', port: 0, splittable: true, lanes: 4 },
    ]);
    expect(items.map((p) => p.nested.function)).toEqual([{ vf_count: 0 }, { vf_count: 3 }]);
    // The writer's label above; the mail's lines below are the load's to tell (text around the output).
    expect(issues.filter((i) => i.line < 15).map((i) => i.text)).toEqual(['e.g.']);
  });

  it('takes no line that repeats an attribute, is indented deeper, or follows a blank line', () => {
    const head = 'pci/0000:82:00.0/0: type eth netdev enp130s0np0 flavour physical';
    for (const next of [`${head}\nflavour cpu port 0`, `${head}\n      port 0 splittable true`, `${head}\n\nport 0 splittable true`]) {
      const { items, issues } = parseDevlinkPorts(next);
      expect(items[0]!.attrs.flavour).toBe('physical');
      expect(items[0]!.attrs.port).toBeUndefined();
      expect(issues).toHaveLength(1);
    }
  });
});
