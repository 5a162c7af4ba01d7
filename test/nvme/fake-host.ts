import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import { idCtrl } from '../collector/fake-kernel/nvme-drives.js';
import type { Allocator, FakeHostPart } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

/** Settings this part writes as the bytes the controller answers (namespace/key). */
const RENDERED_SETTINGS = new Set(['nvme.feature/apst_enabled']);

/** Spellings of a boolean setting's true, as rule tests write it. */
const ON = new Set(['true', '1', 'y', 'yes', 'on']);

/** struct nvme_admin_cmd (72 bytes) as the ioctl leaves it: the completion's result dword at offset 68. */
function adminResult(result: number): Buffer {
  const b = Buffer.alloc(72);
  b.writeUInt32LE(result >>> 0, 68);
  return b;
}

function firmwareRows(d: RuleTestDevice): { component: string; version: string; state?: string }[] {
  return Array.isArray(d.firmware) ? d.firmware : Object.entries(d.firmware ?? {}).map(([component, version]) => ({ component, version }));
}

/**
 * NVMe controllers: /sys/class/nvme/<ctrl> (a link into the PCI function's directory, as the kernel makes it)
 * and the admin-command answers the collector stores under ioctl/nvme/<ctrl>/: Identify Controller (vid, ssvid,
 * mn, fr, APSTA) and Get Features APST (table and APSTE in the result dword).
 */
export const nvmeFakeHost: FakeHostPart = {
  classes: ['nvme'],
  unsupported(d) {
    for (const s of d.settings ?? []) if (!RENDERED_SETTINGS.has(`${s.namespace}/${s.key}`)) return `setting ${s.namespace}/${s.key} has no renderer`;
    for (const f of firmwareRows(d)) if (f.component !== 'firmware' || (f.state ?? 'running') !== 'running') return `firmware ${f.component} (${f.state}) has no renderer (Identify gives the running revision only)`;
    if (d.driver || d.device_id !== undefined || d.subsystem_device_id !== undefined) return 'driver and device ids of an NVMe controller belong to its PCI function';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const ctrl = `nvme${names.next('nvme')}`;
    const bdf = names.bdf(d.pci_address ?? `nvme-${ctrl}`);
    const dir = `sys/devices/pci0000:00/${bdf}/nvme/${ctrl}`;
    // No firmware in the description: Identify's FR field is blank, as the loader then records no revision.
    const fw = firmwareRows(d)[0]?.version ?? '';
    tree.file(`${dir}/model`, `${(d.model ?? '').padEnd(40)}\n`);
    tree.file(`${dir}/firmware_rev`, `${fw.padEnd(8)}\n`);
    tree.file(`${dir}/serial`, `S${ctrl.padEnd(19)}\n`);
    tree.link(`${dir}/device`, `../../../${bdf}`);
    tree.link(`sys/class/nvme/${ctrl}`, `../../devices/pci0000:00/${bdf}/nvme/${ctrl}`);
    const apst = d.settings?.find((s) => s.namespace === 'nvme.feature' && s.key === 'apst_enabled');
    tree.ioctl('nvme', ctrl, 'id-ctrl', idCtrl({
      vid: d.vendor_id ?? 0, ssvid: d.subsystem_vendor_id ?? 0, sn: `S${ctrl}`, mn: d.model ?? '', fr: fw, ieee: [0, 0, 0], cntlid: 1,
      ver: 0x10400, oacs: 0, frmw: 0x02, lpa: 0x02, npss: 0, apsta: apst ? 1 : 0, wctemp: 343, cctemp: 358, mtfa: 0, subnqn: '',
    }));
    if (apst) {
      tree.ioctl('nvme', ctrl, 'feature-apst', Buffer.alloc(256));
      tree.ioctl('nvme', ctrl, 'feature-apst-result', adminResult(ON.has(String(apst.value).toLowerCase()) ? 1 : 0));
    }
    return `nvme:${ctrl}`;
  },
};
