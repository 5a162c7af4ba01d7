import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGpuTree } from './gpu-tree.js';
import { RTX3050_LAPTOP_FIRMWARE } from './rtx3050-laptop-rows.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

/** A real nvidia-smi -q pasted without its NVSMI LOG banner (driver 580, RTX 3050 Laptop). */
const SAMPLE = readFileSync(`${REAL}nvidia-smi-q-rtx3050-laptop-580-readme-no-header-fence-eof.txt`, 'utf8');
const lines = SAMPLE.split('\n');
const width = String(lines.length).length;

/** The prefixes outputs carry when copied out of a log or a paste site, one on every line. */
const PREFIXED: Record<string, string> = {
  syslog: lines.map((l, i) => `Dec  1 10:00:${String(5 + Math.floor(i / 9)).padStart(2, '0')} host nvidia-smi[4242]: ${l}`).join('\n'),
  'CI log times': lines.map((l, i) => `2026-12-01T10:00:05.${String(1234567 + i * 4711).padStart(7, '0')}Z ${l}`).join('\n'),
  'kubectl logs --prefix': lines.map((l) => `[pod/collect-7d9f4/collector] ${l}`).join('\n'),
  'paste site line numbers': lines.map((l, i) => `${String(i + 1).padStart(width)} | ${l}`.trimEnd()).join('\n'),
};

// Without its banner, -q text was told from nvidia-smi's other forms only by a `GPU <bus id>` line starting a line,
// so behind a log's or a paste site's prefix it was never replayed and the GPU's firmware never reached the bundle.
describe('nvidia-smi -q without its banner, every line behind a log or paste-site prefix', () => {
  for (const [form, text] of Object.entries(PREFIXED)) {
    it(`is replayed and read: ${form}`, async () => {
      const db = await loadGpuTree({ 'cmd/nvidia-smi/-q.out': text });
      try {
        expect(db.prepare(`SELECT device_key, component, version FROM firmware ORDER BY component`).all()).toEqual(RTX3050_LAPTOP_FIRMWARE);
      } finally {
        db.close();
      }
    });
  }
});
