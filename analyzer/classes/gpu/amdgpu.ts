import type { LoadContext } from '../../load/types.js';
import { loadAmdSmiOutputs, type AmdGpuDraft } from './amd-smi-loader.js';

const AMDGPU = 'sys/bus/pci/drivers/amdgpu';
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const FW = /^([a-z0-9_]+)_fw_version$/;

/** The GPUs amdgpu's sysfs shows: each PCI function bound to it with its VBIOS part number and each block's loaded firmware. */
function sysfsGpus(ctx: LoadContext): Map<string, AmdGpuDraft> {
  const drafts = new Map<string, AmdGpuDraft>();
  const functions = [...new Set(ctx.under(`${AMDGPU}/`).map((n) => n.slice(AMDGPU.length + 1).split('/')[0]!).filter((f) => BDF.test(f)))].sort();
  for (const bdf of functions) {
    const art = (a: string): string => `${AMDGPU}/${bdf}/${a}`;
    const t = (a: string): string | undefined => ctx.text(art(a))?.trim() || undefined;
    const d: AmdGpuDraft = { key: `gpu:${bdf}`, bdf, model: t('product_name') ?? null, serial: t('serial_number') ?? null, firmware: new Map(), settings: new Map() };
    const vbios = t('vbios_version');
    if (vbios) d.firmware.set('amdgpu.vbios', { version: vbios, scheme: 'plain', artifact: art('vbios_version') });
    for (const name of ctx.under(`${AMDGPU}/${bdf}/fw_version/`)) {
      const block = FW.exec(name.slice(name.lastIndexOf('/') + 1))?.[1];
      const v = ctx.text(name)?.trim();
      // An all-zero version is a block this GPU does not have (amdgpu_ucode_is_valid hides some, not all).
      if (!block || !v || !/^0x[0-9a-f]+$/i.test(v) || /^0x0+$/i.test(v)) continue;
      d.firmware.set(`amdgpu.${block}`, { version: v.toLowerCase(), scheme: 'hex', artifact: name });
    }
    drafts.set(d.key, d);
  }
  return drafts;
}

/**
 * AMD GPUs: `gpu:<bdf>` devices of amdgpu's sysfs files, with what saved rocm-smi and amd-smi outputs add to them (one
 * device per GPU, by bus id), and the GPUs only those outputs name.
 */
export function loadAmdgpu(ctx: LoadContext): void {
  const drafts = sysfsGpus(ctx);
  loadAmdSmiOutputs(ctx, drafts);
  for (const d of drafts.values()) {
    ctx.sink.device({ key: d.key, class: 'gpu', pciAddress: d.bdf, parentKey: d.bdf, driver: 'amdgpu', model: d.model, serial: d.serial });
    for (const [component, f] of d.firmware) ctx.sink.firmware({ deviceKey: d.key, component, version: f.version, state: 'running', scheme: f.scheme, artifact: f.artifact });
    for (const [key, [value, artifact]] of d.settings) ctx.sink.setting({ deviceKey: d.key, namespace: 'gpu', key, value, mode: 'current', artifact });
  }
}
