/**
 * `lspci -t` (and `-tv`) saved in a captured tree: the bus tree names functions by device and function only, under
 * the bus their line hangs from, and no ids; fwsnap keeps it and does not read it. It was kept with no word said (a
 * `lspci -t.txt` gave no issue at all) or, saved under a name with no `-t`, listed line by line as lines lspci's text
 * does not have. Now one NOT_READ issue names it, with the functions and root buses it shows. The real trees of
 * fixtures/real-lspci-tree (provenance beside each).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lspciTree } from '../../analyzer/classes/pci/lspci-tree.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real-lspci-tree/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort();
const textOf = (f: string): string => readFileSync(new URL(f, REAL), 'utf8');
interface Truth { roots: string[]; functions: number; not_read: number; unread_lines: number }
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
