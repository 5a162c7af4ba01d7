/**
 * A firmware block's name damaged in a paste (a colon become the full-width `：` or another character, found by the
 * mutated-samples fuzz, seed 4) is still named as amdgpu's sysfs names blocks, `amdgpu.<block>` in lower case with `_`:
 * it was `amdgpu.：smc`, an undeclared fact the load refused. Real output:
 * test/gpu/fixtures/real/rocm-smi-firmware-product-apu-164e-legacy-2410 (its provenance file says where it was published).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sysfsBlock } from '../../analyzer/classes/gpu/amd-smi-gpu.js';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/rocm-smi-firmware-product-apu-164e-legacy-2410.txt', import.meta.url), 'utf8');

describe("a damaged firmware block's name", () => {
  it('is spelt as sysfs names blocks', () => {
    expect(sysfsBlock('MES KIQ')).toBe('mes_kiq');
    expect(sysfsBlock('\uff1aSMC')).toBe('smc');
    expect(sysfsBlock('\u00a0\u200bSDMA2\u202e')).toBe('sdma2');
  });

  it("a rocm-smi label with a full-width colon before the block's name loads as a declared block", async () => {
    const damaged = SAMPLE.replace('SMC firmware version', '\uff1aSMC firmware version');
    expect(damaged).not.toBe(SAMPLE);
    const { db } = await replayTree({ 'cmd/rocm-smi/showfwinfo.txt': damaged });
    try {
      const rows = db.prepare(`SELECT component FROM firmware WHERE component LIKE 'amdgpu.%'`).all() as { component: string }[];
      expect(rows.length).toBeGreaterThan(3);
      for (const { component } of rows) expect(component).toMatch(/^amdgpu\.[a-z0-9_]+$/);
    } finally {
      db.close();
    }
  });
});
