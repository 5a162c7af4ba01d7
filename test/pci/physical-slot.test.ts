/**
 * The physical slot of a function: the kernel's /sys/bus/pci/slots/<name> whose `address` (`0000:3b:00`) is the
 * function's device, which lspci -v prints as `Physical Slot: <name>`. The collector stores each slot's `address` (and
 * nothing else of the slot: its other files are the hotplug driver's controls); the analyzer writes setting pci.slot
 * `name` on every function of that device, and a saved lspci's `Physical Slot:` gives it where the bundle has no slots.
 * (The real lspci outputs with a Physical Slot line are asserted in real-lspci.test.ts.)
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

function write(root: string, name: string, data: string): void {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), data);
}

/** A tree with functions 3b:00.0 and 3b:00.1 behind root port 00:02.0, slots as given, and saved outputs. */
async function slotsOf(slots: Record<string, Record<string, string>>, saved: Record<string, string> = {}) {
  const dir = tempDir();
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'sys/bus/pci/devices'), { recursive: true });
  for (const bdf of ['0000:3b:00.0', '0000:3b:00.1']) {
    for (const [a, v] of Object.entries({ vendor: '0x15b3', device: '0x101d', class: '0x020000' })) write(root, `sys/devices/pci0000:00/0000:00:02.0/${bdf}/${a}`, `${v}\n`);
    symlinkSync(`../../../devices/pci0000:00/0000:00:02.0/${bdf}`, join(root, 'sys/bus/pci/devices', bdf));
  }
  for (const [slot, files] of Object.entries(slots)) for (const [f, v] of Object.entries(files)) write(root, `sys/bus/pci/slots/${slot}/${f}`, v);
  for (const [name, text] of Object.entries(saved)) write(root, name, text);
  const bundle = join(dir, 'b.tar.gz');
  const { manifest } = await collect({ output: bundle, root, isolation: 'inline' });
  const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    return {
      stored: manifest.artifacts.map((a) => a.name).filter((n) => n.startsWith('sys/bus/pci/slots/')).sort(),
      slots: db.prepare(`SELECT device_key, value, artifact FROM settings WHERE namespace = 'pci.slot' ORDER BY device_key, artifact`).all(),
    };
  } finally {
    db.close();
  }
}

const LSPCI_V = '3b:00.0 Ethernet controller: Mellanox Technologies MT2892 Family [ConnectX-6 Dx]\n\tSubsystem: Mellanox Technologies Device 0016\n\tPhysical Slot: 6\n\tFlags: bus master, fast devsel, latency 0, IRQ 16, NUMA node 0\n\n';

describe('the physical slot of a function', () => {
  it("sys/bus/pci/slots: each slot's address stored (nothing else of it), its name set on every function of the device it holds", async () => {
    const r = await slotsOf({
      'CPU1 SLOT6': { address: '0000:3b:00\n', power: '1\n' },
      'PCIe.Slot.2': { address: '0000:af:00\n' },
      // A slot the platform gave no device number: its address names a bus only, and no function is in it.
      '7': { address: '0000:5e\n' },
    });
    // The slot's name is the artifact's path component made safe (bundle/format.ts), its space encoded.
    expect(r.stored).toEqual(['sys/bus/pci/slots/7/address', 'sys/bus/pci/slots/CPU1%20SLOT6/address', 'sys/bus/pci/slots/PCIe.Slot.2/address']);
    expect(r.slots).toEqual([
      { device_key: '0000:3b:00.0', value: 'CPU1 SLOT6', artifact: 'sys/bus/pci/slots/CPU1%20SLOT6/address' },
      { device_key: '0000:3b:00.1', value: 'CPU1 SLOT6', artifact: 'sys/bus/pci/slots/CPU1%20SLOT6/address' },
    ]);
  });

  it("a saved lspci -v's Physical Slot gives it where the bundle has no slots; the bundle's slots win where it has them", async () => {
    expect((await slotsOf({}, { 'lspci -v.txt': LSPCI_V })).slots).toEqual([{ device_key: '0000:3b:00.0', value: '6', artifact: 'cmd/lspci/-v.out' }]);
    expect((await slotsOf({ '6': { address: '0000:3b:00\n' } }, { 'lspci -v.txt': LSPCI_V })).slots).toEqual([
      { device_key: '0000:3b:00.0', value: '6', artifact: 'sys/bus/pci/slots/6/address' },
      { device_key: '0000:3b:00.1', value: '6', artifact: 'sys/bus/pci/slots/6/address' },
    ]);
  });
});
