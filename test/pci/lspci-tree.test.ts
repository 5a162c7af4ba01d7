/**
 * `lspci -t` (and `-tv`) saved in a captured tree: the bus tree names functions by device and function only, under
 * the bus their line hangs from, and no ids; fwsnap keeps it and does not read it. It was kept with no word said (a
 * `lspci -t.txt` gave no issue at all) or, saved under a name with no `-t`, listed line by line as lines lspci's text
 * does not have. Now one NOT_READ issue names it, with the functions and root buses it shows, when it places no
 * function a verbose text shows (below: the bridge above each bus is what is read of it). The real trees of
 * fixtures/real-lspci-tree (provenance beside each).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lspciTree, lspciTreeBridges } from '../../analyzer/classes/pci/lspci-tree.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real-lspci-tree/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort();
const textOf = (f: string): string => readFileSync(new URL(f, REAL), 'utf8');
interface Truth { roots: string[]; functions: number; not_read: number; unread_lines: number; bridges_above: Record<string, string> }
const provenanceOf = (f: string): { saved_as: string; truth: Truth } => parse(readFileSync(new URL(f.replace(/\.txt$/, '.provenance.yaml'), REAL), 'utf8')) as { saved_as: string; truth: Truth };

async function issuesOf(files: Record<string, string>): Promise<{ code: string; message: string }[]> {
  const r = await replayTree(files);
  try {
    return r.db.prepare(`SELECT code, message FROM collection_issues ORDER BY code, message`).all() as { code: string; message: string }[];
  } finally {
    r.db.close();
  }
}

describe('a saved lspci -t tree is named as kept and not read, never dropped unsaid', () => {
  for (const file of samples) {
    it(`${file}: its roots and functions, one NOT_READ under its name and under a plain lspci name, no unread lines`, async () => {
      const { saved_as, truth } = provenanceOf(file);
      const text = textOf(file);
      expect(lspciTree(text)).toEqual({ roots: truth.roots, functions: truth.functions });
      for (const saveAs of [saved_as, 'lspci.txt', 'cmd/lspci/-t.out']) {
        const issues = await issuesOf({ [saveAs]: text });
        const notRead = issues.filter((i) => i.code === 'NOT_READ');
        expect(notRead, saveAs).toHaveLength(truth.not_read);
        expect(notRead[0]!.message, saveAs).toContain(`${truth.functions} function(s)`);
        expect(issues.filter((i) => i.code === 'PARSE-LINE'), saveAs).toHaveLength(truth.unread_lines);
      }
    });
  }

  it('lspci -m is named as not read too; a verbose output is no tree', async () => {
    const issues = await issuesOf({ 'lspci -m.txt': '00:00.0 "Host bridge" "Intel Corporation" "Device 3e30" -r0d "Dell" "Device 0869"\n' });
    expect(issues.filter((i) => i.code === 'NOT_READ').map((i) => i.message)).toEqual([expect.stringMatching(/lspci -m .*kept, not read/)]);
    expect(lspciTree('00:1c.0 PCI bridge: Intel Corporation Device a110 (rev f0)\n\tBus: primary=00, secondary=01, subordinate=01\n')).toBeUndefined();
    expect(lspciTree('-[0000:00]-+-00.0\n00:02.0 VGA compatible controller: Intel Corporation Device 3e92\n')).toBeUndefined();
  });
});

/**
 * What the tree adds: the bridge above each bus, which lspci -v's text (no bus numbers) or an excerpt of -vv (not the
 * bridge) cannot give. Read from the bus numbers, so a paste that lost the tree's columns gives the same bridges.
 */
describe('the bridge above each bus, from a saved lspci -t tree', () => {
  for (const file of samples) {
    it(`${file}: the bridges a person reads off it, also from a paste whose spaces collapsed and backslashes were dropped`, () => {
      const { truth } = provenanceOf(file);
      const text = textOf(file);
      const above = Object.fromEntries(lspciTreeBridges(text)!);
      expect(above).toMatchObject(truth.bridges_above);
      expect(Object.fromEntries(lspciTreeBridges(text.replace(/ {2,}/g, ' ').replace(/\\-/g, '-'))!)).toEqual(above);
    });
  }

  // The real CXL guest's -tv tree beside an lspci -v of one memory device behind it (the -v lines written for this test):
  // the device's parent is the root port the tree puts above its bus, a device of its own, and the tree is read.
  const CXL_V = '0d:00.0 CXL: Intel Corporation Device 0d93 (rev 01) (prog-if 10 [CXL Memory Device (CXL 2.x)])\n\tSubsystem: Red Hat, Inc. Device 1100\n\tFlags: fast devsel, NUMA node 0\n\tKernel driver in use: cxl_pci\n\n';
  it('saved beside a verbose text that shows a function without its bridge, it places the function under its root port', async () => {
    const file = samples.find((f) => f.startsWith('qemu-cxl'))!;
    const r = await replayTree({ 'lspci -tv.txt': textOf(file), 'lspci -v.txt': CXL_V });
    try {
      expect(r.db.prepare(`SELECT device_key, parent_key, driver FROM devices WHERE class = 'pci' ORDER BY device_key`).all()).toEqual([
        { device_key: '0000:0c:00.0', parent_key: null, driver: null },
        { device_key: '0000:0d:00.0', parent_key: '0000:0c:00.0', driver: 'cxl_pci' },
      ]);
      expect(r.db.prepare(`SELECT code FROM collection_issues WHERE code IN ('NOT_READ', 'PARSE-LINE')`).all()).toEqual([]);
    } finally {
      r.db.close();
    }
  });
});
