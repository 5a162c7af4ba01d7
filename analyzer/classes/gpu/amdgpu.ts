import type { LoadContext } from '../../load/types.js';

const AMDGPU = 'sys/bus/pci/drivers/amdgpu';
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const FW = /^([a-z0-9_]+)_fw_version$/;

/** AMD GPUs bound to amdgpu: `gpu:<bdf>` devices with the VBIOS part number and each block's loaded firmware. */
export function loadAmdgpu(ctx: LoadContext): void {
  const functions = [...new Set(ctx.under(`${AMDGPU}/`).map((n) => n.slice(AMDGPU.length + 1).split('/')[0]!).filter((f) => BDF.test(f)))].sort();
  for (const bdf of functions) {
    const art = (a: string): string => `${AMDGPU}/${bdf}/${a}`;
    const t = (a: string): string | undefined => ctx.text(art(a))?.trim() || undefined;
    const key = `gpu:${bdf}`;
    ctx.sink.device({ key, class: 'gpu', pciAddress: bdf, parentKey: bdf, driver: 'amdgpu', model: t('product_name') ?? null, serial: t('serial_number') ?? null });
    const vbios = t('vbios_version');
    if (vbios) ctx.sink.firmware({ deviceKey: key, component: 'amdgpu.vbios', version: vbios, state: 'running', scheme: 'plain', artifact: art('vbios_version') });
    for (const name of ctx.under(`${AMDGPU}/${bdf}/fw_version/`)) {
      const block = FW.exec(name.slice(name.lastIndexOf('/') + 1))?.[1];
      const v = ctx.text(name)?.trim();
      // An all-zero version is a block this GPU does not have (amdgpu_ucode_is_valid hides some, not all).
      if (!block || !v || !/^0x[0-9a-f]+$/i.test(v) || /^0x0+$/i.test(v)) continue;
      ctx.sink.firmware({ deviceKey: key, component: `amdgpu.${block}`, version: v.toLowerCase(), state: 'running', scheme: 'hex', artifact: name });
    }
  }
}
