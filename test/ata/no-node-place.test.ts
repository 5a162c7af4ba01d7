/**
 * A pasted smartctl output that names no /dev node (macOS names an IOKit `IOService:/…` path, a Windows paste often
 * no command line at all) is stored under a device named by the drive's serial (`nvme:smartctl-<serial>`,
 * `block:smartctl-<serial>`): that name is the device's key, not a node of the host, and the inventory must not show
 * it as one (`at /dev/smartctl-S1XX…` was a made-up path). A node the output or its saved name does give is shown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locationText, placeText } from '../../analyzer/report/inventory-text.js';
import { textEntry } from '../../analyzer/report/text.js';
import { replayTree } from '../helpers/replay-tree.js';

const real = (p: string): string => readFileSync(new URL(p, import.meta.url), 'utf8');
// A real smartctl output of an ADATA Falcon NVMe drive (linuxhw): no command line, no /dev node anywhere in it, as a
// macOS (IOService path) or Windows paste often is.
const NVME = real('./fixtures/nvme-smartctl/adata-falcon-linuxhw.txt');
// smartctl 7.1 of an HGST HUH721212AL4204 SAS drive (truenas/py-SMART issue 51).
const SAS = real('./fixtures/real/smartctl/hgst-huh721212al4204-sas-scsi.txt');

describe('a smartctl output that names no /dev node', () => {
  it('is shown at no made-up /dev path, in the inventory and the text report', async () => {
    const r = await replayTree({ 'smartctl-x.txt': NVME, 'cmd/smartctl/-x.out': SAS });
    const drives = r.report.inventory.filter((d) => /FALCON|HUH721212/i.test(d.name));
    expect(drives).toHaveLength(2);
    for (const d of drives) {
      // The device keys bundles and tests rely on stay as they were.
      expect(d.key).toMatch(/^(?:nvme|block):smartctl-/);
      expect(locationText(d)).not.toMatch(/\/dev\/smartctl/);
      expect(placeText(d)).not.toMatch(/\/dev\//);
      expect(textEntry(d, false).join('\n')).not.toMatch(/\/dev\/smartctl|at smartctl/);
    }
  });

  it('keeps the node a saved name gives (sdc, nvme0)', async () => {
    const r = await replayTree({ 'cmd/smartctl/-x_sdc.out': SAS, 'cmd/smartctl/-a_nvme0.out': NVME });
    const places = r.report.inventory.filter((d) => /FALCON|HUH721212/i.test(d.name)).map((d) => locationText(d)).sort();
    expect(places).toEqual(['/dev/nvme0', '/dev/sdc']);
  });
});
