import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows, settingText } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { fwInfoPayload, type FwInfoFields, queryAnswer } from './fake-host-mailbox.js';

/** The CXL host bridge and root port the rendered memory devices hang off (a PCI segment of their own). */
const ROOT = 'sys/devices/pci0000:c0/0000:c0:00.0';
/** Settings read from sysfs attributes: key → attribute path under memN. */
const SYSFS: Readonly<Record<string, string>> = {
  ram_size: 'ram/size', pmem_size: 'pmem/size', numa_node: 'numa_node', payload_max: 'payload_max', label_storage_size: 'label_storage_size',
  security_state: 'security/state',
};
/** Settings from Get FW Info, rendered as the mailbox ioctl's answers. */
const FW_INFO = new Set(['num_slots', 'active_slot', 'staged_slot', 'activation_pending', 'online_activate_capable']);
/** From `cxl list -F` only: ndctl takes it from the kernel's upload state, not from Get FW Info. */
const IN_PROGRESS = 'fw_update_in_progress';
const UPLOAD = new Set(['fw_upload_status', 'fw_upload_error', 'fw_upload_failed']);
const LIST_FILE = 'cmd/cxl/list.out';

const hex = (n: number | string): string => `0x${BigInt(n).toString(16)}`;

/** The Get FW Info answer for a description, or undefined when it needs none. */
function fwInfo(d: RuleTestDevice): FwInfoFields | undefined {
  const rows = firmwareRows(d);
  const wanted = d.settings?.some((s) => s.namespace === 'cxl' && FW_INFO.has(s.key)) || rows.some((r) => r.state === 'pending' || r.state?.startsWith('slot-'));
  if (!wanted) return undefined;
  const num = (k: string): number | undefined => (settingText(d, 'cxl', k) !== undefined ? Number(settingText(d, 'cxl', k)) : undefined);
  const active = num('active_slot') ?? 1;
  const pending = rows.find((r) => r.state === 'pending');
  const staged = num('staged_slot') ?? (settingText(d, 'cxl', 'activation_pending') === 'true' || pending ? active + 1 : undefined);
  const slots = new Map<number, string>();
  for (const r of rows) {
    const s = /^slot-(\d+)$/.exec(r.state ?? '');
    if (s) slots.set(Number(s[1]), r.version);
  }
  const running = rows.find((r) => r.component === 'firmware' && (r.state ?? 'running') === 'running');
  if (running && !slots.has(active)) slots.set(active, running.version);
  if (pending && staged !== undefined) slots.set(staged, pending.version);
  return {
    slots: num('num_slots') ?? Math.max(2, active, staged ?? 0, ...slots.keys()),
    active,
    ...(staged !== undefined ? { staged } : {}),
    online: settingText(d, 'cxl', 'online_activate_capable') === 'true',
    revisions: Object.fromEntries(slots),
  };
}

function health(d: RuleTestDevice): Record<string, unknown> | undefined {
  const h = d.settings?.filter((s) => s.namespace === 'cxl.health') ?? [];
  return h.length ? Object.fromEntries(h.map((s) => [s.key, s.value])) : undefined;
}

function render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const n = names.next('cxl-mem');
  const name = `mem${n}`;
  const bdf = `0000:c1:${n.toString(16).padStart(2, '0')}.0`;
  const dir = `${ROOT}/${bdf}/${name}`;
  tree.link(`sys/bus/cxl/devices/${name}`, `../../../devices/pci0000:c0/0000:c0:00.0/${bdf}/${name}`);
  const attr = (a: string, v: string): void => tree.file(`${dir}/${a}`, `${v}\n`);
  const running = firmwareRows(d).find((r) => r.component === 'firmware' && (r.state ?? 'running') === 'running');
  if (running) attr('firmware_version', running.version);
  const dsn = settingText(d, 'cxl', 'dsn_present');
  const serial = dsn === 'false' ? 0 : 0x5a000000 + n;
  attr('serial', hex(serial));
  for (const [k, path] of Object.entries(SYSFS)) {
    const v = settingText(d, 'cxl', k);
    if (v !== undefined) attr(path, /size|payload/.test(k) ? hex(v) : v);
  }
  const status = settingText(d, 'cxl', 'fw_upload_status');
  const error = settingText(d, 'cxl', 'fw_upload_error') ?? (settingText(d, 'cxl', 'fw_upload_failed') === 'true' ? 'transferring:hw-error' : settingText(d, 'cxl', 'fw_upload_failed') === 'false' ? '' : undefined);
  if (status !== undefined || error !== undefined) {
    attr(`firmware/${name}/status`, status ?? 'idle');
    attr(`firmware/${name}/error`, error ?? '');
    attr(`firmware/${name}/remaining_size`, '0');
  }
  const info = fwInfo(d);
  if (info) {
    tree.ioctl('cxl', name, 'query-commands', queryAnswer());
    tree.ioctl('cxl', name, 'get-fw-info', fwInfoPayload(info));
  }
  const inProgress = settingText(d, 'cxl', IN_PROGRESS);
  const fw = inProgress !== undefined && status === undefined ? { fw_update_in_progress: inProgress === 'true' } : undefined;
  const h = health(d);
  if (fw || h) {
    const listing = JSON.parse(tree.read(LIST_FILE) ?? '[]') as Record<string, unknown>[];
    listing.push({ memdev: name, serial, host: bdf, ...(fw ? { firmware: fw } : {}), ...(h ? { health: h } : {}) });
    tree.file(LIST_FILE, `${JSON.stringify(listing, null, 2)}\n`);
  }
  return `cxl:${name}`;
}

/**
 * CXL memory devices in sysfs layout under a CXL root port, their mailbox answers (the command query and Get FW Info,
 * as a Linux 6.1 kernel and the device give them), and what `cxl list -F -H` adds (one saved listing).
 */
export const cxlFakeHost: FakeHostPart = {
  classes: ['cxl'],
  unsupported(d) {
    const other = d.settings?.find((s) => !(s.namespace === 'cxl.health' || (s.namespace === 'cxl' && (s.key in SYSFS || FW_INFO.has(s.key) || s.key === IN_PROGRESS || UPLOAD.has(s.key) || s.key === 'dsn_present'))));
    return other ? `setting ${other.namespace}/${other.key} is not rendered` : undefined;
  },
  render,
};
