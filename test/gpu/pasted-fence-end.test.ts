import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGpuTree } from './gpu-tree.js';
import { RTX3050_LAPTOP_FIRMWARE } from './rtx3050-laptop-rows.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

// Real form: a README's nvidia-smi -q block (driver 580, no banner), the file's last line its closing fence with no
// line end after it. Nothing of the output was cut: its last line ended before the fence.
describe('nvidia-smi -q pasted in a fence that ends the file without a line end', () => {
  it('is read whole, with no note that it may have been cut', async () => {
    const db = await loadGpuTree({ 'cmd/nvidia-smi/-q.out': readFileSync(`${REAL}nvidia-smi-q-rtx3050-laptop-580-readme-no-header-fence-eof.txt`, 'utf8') });
    try {
      expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code IN ('PARSE-CUT', 'PARSE-LINE')`).all()).toEqual([]);
      expect(db.prepare(`SELECT device_key, component, version FROM firmware ORDER BY component`).all()).toEqual(RTX3050_LAPTOP_FIRMWARE);
    } finally {
      db.close();
    }
  });

  it('one GPU section alone under a footnote mark, the same way', async () => {
    const db = await loadGpuTree({ 'cmd/nvidia-smi/-q.out': readFileSync(`${REAL}nvidia-smi-q-rtx2080-gpu-section-only-footnote-fence-eof.txt`, 'utf8') });
    try {
      expect(db.prepare(`SELECT code FROM collection_issues WHERE code IN ('PARSE-CUT', 'PARSE-LINE')`).all()).toEqual([]);
      expect(db.prepare(`SELECT component, version FROM firmware WHERE device_key = 'gpu:0000:02:00.0' ORDER BY component`).all()).toEqual([
        { component: 'inforom.img', version: 'G001.0000.02.04' },
        { component: 'inforom.oem', version: '1.1' },
        { component: 'vbios', version: '90.04.0B.80.04' },
      ]);
    } finally {
      db.close();
    }
  });
});
