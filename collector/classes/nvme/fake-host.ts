import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import { idCtrl, smartLog } from './fake-host-drives.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

/** Settings this part writes as the bytes the controller answers (namespace/key). */
const RENDERED_SETTINGS = new Set([
  'nvme.feature/apst_enabled', 'nvme.smart/critical_warning', 'nvme.smart/media_errors', 'nvme.smart/error_log_entries',
  'nvme.smart/available_spare', 'nvme.smart/available_spare_threshold', 'nvme.smart/percentage_used',
]);

/** Spellings of a boolean setting's true, as rule tests write it. */
const ON = new Set(['true', '1', 'y', 'yes', 'on']);

/** struct nvme_admin_cmd (72 bytes) as the ioctl leaves it: the completion's result dword at offset 68. */
function adminResult(result: number): Buffer {
  const b = Buffer.alloc(72);
  b.writeUInt32LE(result >>> 0, 68);
  return b;
}

/** Firmware states the slot log gives: the running revision, a revision pending activation, slots 1-7. */
const FW_STATES = /^(running|pending|slot-[1-7])$/;

/**
 * The Firmware Slot Information log (512 bytes, NVMe Base 2.0 5.16.1.4): AFI (active slot in bits 2:0, slot of the
 * next reset in bits 6:4), then FRS1-FRS7 (8 ASCII bytes each from offset 8). The running revision sits in slot 1
 * unless a slot row names it; a pending one in the first free slot after it.
 */
export function fwSlotLog(rows: readonly { version: string; state?: string }[]): Buffer | undefined {
  const slots = new Map<number, string>();
  for (const r of rows) if (r.state?.startsWith('slot-')) slots.set(Number(r.state.slice(5)), r.version);
  const running = rows.find((r) => (r.state ?? 'running') === 'running')?.version;
  const pending = rows.find((r) => r.state === 'pending')?.version;
  if (slots.size === 0 && pending === undefined) return undefined;
  let active = [...slots].find(([, v]) => v === running)?.[0];
  if (active === undefined && running !== undefined) {
    active = [1, 2, 3, 4, 5, 6, 7].find((n) => !slots.has(n))!;
    slots.set(active, running);
  }
  let next = 0;
  if (pending !== undefined) {
    next = [...slots].find(([n, v]) => v === pending && n !== active)?.[0] ?? [1, 2, 3, 4, 5, 6, 7].find((n) => !slots.has(n))!;
    slots.set(next, pending);
  }
  const b = Buffer.alloc(512);
  b[0] = (active ?? 0) | (next << 4);
  for (const [n, v] of slots) Buffer.from(v.padEnd(8).slice(0, 8), 'latin1').copy(b, 8 * n);
  return b;
}

/**
 * NVMe controllers: /sys/class/nvme/<ctrl> (a link into the PCI function's directory, as the kernel makes it)
 * and the admin-command answers the collector stores under ioctl/nvme/<ctrl>/: Identify Controller (vid, ssvid,
 * mn, fr, APSTA), Get Features APST (table and APSTE in the result dword) and the SMART log's Critical Warning byte.
 */
export const nvmeFakeHost: FakeHostPart = {
  classes: ['nvme'],
  unsupported(d) {
    for (const s of d.settings ?? []) if (!RENDERED_SETTINGS.has(`${s.namespace}/${s.key}`)) return `setting ${s.namespace}/${s.key} has no renderer`;
    for (const f of firmwareRows(d)) if (f.component !== 'firmware' || !FW_STATES.test(f.state ?? 'running')) return `firmware ${f.component} (${f.state}) has no renderer (Identify and the slot log give running, pending and slot revisions)`;
    if (firmwareRows(d).filter((f) => (f.state ?? 'running') === 'running').length > 1) return 'a controller runs one firmware revision';
    if (d.driver || d.device_id !== undefined || d.subsystem_device_id !== undefined) return 'driver and device ids of an NVMe controller belong to its PCI function';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const ctrl = `nvme${names.next('nvme')}`;
    const bdf = names.bdf(d.pci_address ?? `nvme-${ctrl}`);
    const dir = `${names.pciDir(bdf)}/nvme/${ctrl}`;
    // No firmware in the description: Identify's FR field is blank, as the loader then records no revision.
    const fw = firmwareRows(d).find((f) => (f.state ?? 'running') === 'running')?.version ?? '';
    tree.file(`${dir}/model`, `${(d.model ?? '').padEnd(40)}\n`);
    tree.file(`${dir}/firmware_rev`, `${fw.padEnd(8)}\n`);
    tree.file(`${dir}/serial`, `S${ctrl.padEnd(19)}\n`);
    tree.link(`${dir}/device`, `../../../${bdf}`);
    tree.link(`sys/class/nvme/${ctrl}`, `../../${dir.slice('sys/'.length)}`);
    const apst = d.settings?.find((s) => s.namespace === 'nvme.feature' && s.key === 'apst_enabled');
    tree.ioctl('nvme', ctrl, 'id-ctrl', idCtrl({
      vid: d.vendor_id ?? 0, ssvid: d.subsystem_vendor_id ?? 0, sn: `S${ctrl}`, mn: d.model ?? '', fr: fw, ieee: [0, 0, 0], cntlid: 1,
      ver: 0x10400, oacs: 0, frmw: 0x02, lpa: 0x02, npss: 0, apsta: apst ? 1 : 0, wctemp: 343, cctemp: 358, mtfa: 0, subnqn: '',
    }));
    const slotLog = fwSlotLog(firmwareRows(d));
    if (slotLog) tree.ioctl('nvme', ctrl, 'fw-log', slotLog);
    const smart = (key: string): string | number | boolean | null | undefined => d.settings?.find((s) => s.namespace === 'nvme.smart' && s.key === key)?.value;
    const [warning, media, entries] = [smart('critical_warning'), smart('media_errors'), smart('error_log_entries')];
    const [spare, threshold, used] = [smart('available_spare'), smart('available_spare_threshold'), smart('percentage_used')];
    if ([warning, media, entries, spare, threshold, used].some((v) => v !== undefined)) {
      tree.ioctl('nvme', ctrl, 'smart-log', smartLog({
        criticalWarning: Number(warning ?? 0), temperatureK: 310, availSpare: Number(spare ?? 100), spareThresh: Number(threshold ?? 10), percentUsed: Number(used ?? 3), dataUnitsRead: 1000n,
        dataUnitsWritten: 1000n, powerCycles: 10n, powerOnHours: 100n, unsafeShutdowns: 1n, mediaErrors: BigInt(Number(media ?? 0)), errorLogEntries: BigInt(Number(entries ?? 0)),
      }));
    }
    if (apst) {
      tree.ioctl('nvme', ctrl, 'feature-apst', Buffer.alloc(256));
      tree.ioctl('nvme', ctrl, 'feature-apst-result', adminResult(ON.has(String(apst.value).toLowerCase()) ? 1 : 0));
    }
    return `nvme:${ctrl}`;
  },
};

/**
 * The shared fake host's NVMe controller nvme0 (Samsung PM9A3) in sysfs; its namespace block device belongs to the
 * storage part (the ata class's fake-host.ts), its admin-command answers come from the fake kernel (SAMSUNG_NVME0).
 */
export function fakehostNvme(tree: FakeTree): void {
  tree.classDevice('sys/devices/pci0000:ae/0000:ae:00.0/0000:af:00.0', 'nvme', 'nvme0', {
    address: '0000:af:00.0', cntlid: '6', cntrltype: 'io', dctype: 'none', dev: '241:0', firmware_rev: 'GDC5602Q', kato: '0',
    model: 'SAMSUNG MZQL23T8HCLS-00A07', numa_node: '1', queue_count: '65', serial: 'S64HNE0R700123', sqsize: '1023', state: 'live',
    subsysnqn: 'nqn.1994-11.com.samsung:nvme:PM9A3:2.5-inch:S64HNE0R700123', transport: 'pcie', uevent: 'MAJOR=241\nMINOR=0\nDEVNAME=nvme0',
  });
}
