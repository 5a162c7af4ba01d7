import { sysfsBlock, sysfsFirmwareVersion, unknownValue, type AmdSmiGpu } from './amd-smi-gpu.js';

/** amd-smi's `FW_ID`s whose block amdgpu's `fw_version/<block>_fw_version` names otherwise. */
const SYSFS_BLOCK: Record<string, string> = {
  smu: 'smc', pm: 'smc', cp_ce: 'ce', cp_pfp: 'pfp', cp_me: 'me', cp_mec1: 'mec', cp_mec2: 'mec2', sdma0: 'sdma', sdma1: 'sdma2', psp_sosdrv: 'sos',
};
/** The blocks amdgpu's sysfs has a `<block>_fw_version` file for: their versions are stored in its form, others as printed. */
const SYSFS_BLOCKS = new Set(['vce', 'uvd', 'mc', 'me', 'pfp', 'ce', 'rlc', 'rlc_srlc', 'rlc_srlg', 'rlc_srls', 'mec', 'mec2', 'imu', 'sos', 'asd', 'ta_ras', 'ta_xgmi', 'smc', 'sdma', 'sdma2', 'vcn', 'dmcu', 'mes', 'mes_kiq']);
/** The SMU's version: four dotted bytes in decimal (`12.93.02.00` is 0x0c5d0200), as rocm-smi prints it. */
const DECIMAL_DOTTED = new Set(['smc']);

/**
 * A version as amd-smi prints it, in the form of amdgpu's sysfs file (`0x%08x`): a number in decimal (`CP_MEC1: 2650`),
 * hex (`0x80b8`), the SMU's dotted decimal bytes, or the other blocks' dotted hex bytes (`PSP_SOSDRV: 00.3A.0B.14`,
 * `VCN: 09.11.80.16`, `36.02.4C` of early releases); undefined when it is none of these.
 */
function sysfsForm(block: string, printed: string): string | undefined {
  const v = printed.trim();
  const parts = v.split('.');
  if (parts.length < 2 || DECIMAL_DOTTED.has(block)) return sysfsFirmwareVersion(v);
  if (parts.length > 4 || !parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p))) return undefined;
  const n = parts.reduce((a, p) => a * 256 + parseInt(p, 16), 0);
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/**
 * `amd-smi firmware`'s `FW_LIST` of one GPU (its fields by path: `fw_list/fw 0/fw_id`, `fw_list/fw_0/fw_version`, or
 * `--json`'s `fw_list/0/fw_id`) into the GPU's blocks, named as amdgpu's sysfs names them. An all-zero version is a
 * block the GPU does not have, as sysfs reads; a block sysfs has no file for, or a version in no known form, is kept as printed.
 */
export function amdSmiFirmware(f: ReadonlyMap<string, string>, g: AmdSmiGpu): void {
  for (const [path, id] of f) {
    const m = /^(fw_list\/[^/]+)\/fw_(?:id|name)$/.exec(path);
    if (!m || unknownValue(id)) continue;
    const printed = f.get(`${m[1]}/fw_version`);
    if (unknownValue(printed)) continue;
    const name = sysfsBlock(id);
    if (name === '') continue;
    const block = SYSFS_BLOCK[name] ?? name;
    const v = SYSFS_BLOCKS.has(block) ? sysfsForm(block, printed!) : undefined;
    if (v !== undefined) {
      if (!/^0x0+$/.test(v) && !g.firmware.has(block)) g.firmware.set(block, v);
    } else if (!g.firmwarePrinted?.has(block)) (g.firmwarePrinted ??= new Map()).set(block, printed!.trim());
  }
}
