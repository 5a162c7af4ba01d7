import type { Source } from '../../source.js';
import { hasSavedAmdSmi, replaySavedAmdSmi } from './saved-amd-smi.js';

const AMDGPU = '/sys/bus/pci/drivers/amdgpu';
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
/**
 * What amdgpu shows on its PCI function, all cached by the driver: the VBIOS part number (from the ATOM BIOS
 * read at init) and the board's FRU strings. Each `fw_version/<block>_fw_version` prints the version of the
 * firmware the driver loaded into that block (amdgpu_ucode.c FW_VERSION_ATTR, "0x%08x").
 */
export const AMDGPU_ATTRIBUTES = ['vbios_version', 'product_name', 'product_number', 'serial_number'] as const;

export const amdgpu: Source = {
  name: 'amdgpu',
  description: 'AMD GPUs (amdgpu): VBIOS part number, board FRU strings, the loaded firmware version of every block (fw_version/); a captured tree\'s saved rocm-smi and amd-smi outputs',
  collect(ctx) {
    const functions = (ctx.listDir(AMDGPU) ?? []).filter((f) => BDF.test(f));
    const saved = hasSavedAmdSmi(ctx);
    if (functions.length === 0 && !saved) ctx.skip('no GPU bound to amdgpu');
    for (const bdf of functions) {
      const dir = `${AMDGPU}/${bdf}`;
      ctx.device('gpu', bdf);
      const present = new Set(ctx.listDir(dir) ?? []);
      ctx.collectAttributes(dir, AMDGPU_ATTRIBUTES.filter((a) => present.has(a)));
      if (present.has('fw_version')) {
        const names = (ctx.listDir(`${dir}/fw_version`) ?? []).filter((n) => /^[a-z0-9_]+_fw_version$/.test(n));
        ctx.collectAttributes(`${dir}/fw_version`, names);
      }
    }
    // Never run live: the tools read the same sysfs files, and amd-smi's library opens the GPUs' render nodes (docs/artifacts/gpu.md).
    if (saved) replaySavedAmdSmi(ctx);
  },
};
