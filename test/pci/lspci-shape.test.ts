/**
 * An lspci output saved under a name of no tool, no command typed in it, is told by its lines (collector/classes/pci/output-shape.ts)
 * also where one device is shown as people paste it: a `3D controller` (a class name opening with a digit), a mail that wrapped
 * the device line and flattened the -v fields to the margin, `[ ... ]` elisions, a Markdown fence. Real samples, each read as
 * attachment.txt as under its saved name (devices, drivers and links the same).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLASSES } from '../../collector/classes/index.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { replaySaved } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real-lspci/', import.meta.url);
const SHAPES = outputShapes(CLASSES);

async function devicesOf(name: string, data: Buffer): Promise<string[]> {
  const { db } = await replaySaved(name, data);
  const devices = db.prepare(`SELECT device_key || ' ' || vendor_id || ':' || device_id || ' ' || coalesce(driver, '-') AS d FROM devices WHERE class = 'pci' ORDER BY 1`).all() as { d: string }[];
  const links = db.prepare(`SELECT device_key || ' link ' || coalesce(speed_gts, '-') || ' x' || coalesce(width, '-') AS d FROM pci_links ORDER BY 1`).all() as { d: string }[];
  return [...devices, ...links].map((r) => r.d);
}

describe('one lspci device pasted as people paste it, naming no tool', () => {
  for (const stem of ['h100-busmaster-off-fenced-nvtrust', 'amdgpu-strix-v-bugzilla-qp', 'ixgbe-x552-v-flattened-qp-mail', 'gt730-vv-idle-gen1-elided-blog']) {
    it(`${stem}: told as lspci -vvv, and read as attachment.txt as under its saved name`, async () => {
      const data = readFileSync(new URL(`${stem}.txt`, REAL));
      const savedAs = (parse(readFileSync(new URL(`${stem}.provenance.yaml`, REAL), 'utf8')) as { saved_as: string }).saved_as;
      expect(shapedCommand(data, SHAPES)).toEqual(['lspci', '-vvv']);
      const named = await devicesOf(savedAs, data);
      expect(named.length).toBeGreaterThan(0);
      expect(await devicesOf('attachment.txt', data)).toEqual(named);
    });
  }

  it('a line of words after a device is not taken for its wrapped rest when more of them follow (another output beside it)', () => {
    const text = ['03:00.0 Ethernet controller: Intel Corporation Ethernet Connection X552 10 GbE SFP+', '\tSubsystem: Intel Corporation Device 0000', '\tKernel driver in use: ixgbe', 'Architecture: x86_64', 'CPU op-mode(s): 32-bit, 64-bit', 'Byte Order: Little Endian'].join('\n');
    expect(shapedCommand(Buffer.from(text), SHAPES)).toBeUndefined();
  });
});
