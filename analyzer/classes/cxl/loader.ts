import { DIR_LINK_NAME } from '../../../bundle/format.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { type CxlListMemdev, parseCxlList } from './cxl-list.js';
import { parseFwInfo } from './fw-info.js';

const CXL = 'sys/bus/cxl/devices';
const MEMDEV_ENTRY = /^sys\/bus\/cxl\/devices\/(mem\d+)\//;
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const LIST = /^cmd\/cxl\/list_[^/]*\.out$/;
const UPLOAD_STATUS = new Set(['idle', 'receiving', 'preparing', 'transferring', 'programming']);
const SECURITY = new Set(['disabled', 'sanitize', 'locked', 'unlocked', 'frozen']);

/** `0x1a2b` (sysfs) or decimal (cxl list) → the serial as sysfs prints it; undefined for anything else. */
function serialHex(sysfs: string | undefined, decimal: string | undefined): string | undefined {
  if (sysfs && /^0x[0-9a-f]+$/i.test(sysfs)) return `0x${BigInt(sysfs).toString(16)}`;
  if (decimal && /^\d+$/.test(decimal)) return `0x${BigInt(decimal).toString(16)}`;
  return undefined;
}

const number = (t: string | undefined): number | undefined => (t !== undefined && /^(0x[0-9a-f]+|\d+)$/i.test(t) ? Number(t) : undefined);

function listings(ctx: LoadContext): Map<string, CxlListMemdev> {
  const out = new Map<string, CxlListMemdev>();
  for (const name of ctx.names(LIST)) {
    const parsed = ctx.parse(name, 'cxl-list', (b) => parseCxlList(b.toString('utf8')));
    if (!parsed) continue;
    for (const i of parsed.issues) ctx.sink.issue('PARSE-LINE', `cxl list line ${i.line}: ${i.message}: ${i.text.trim().slice(0, 120)}`, name);
    // A later listing of the same device (a paste of before and after) is the newer state.
    for (const m of parsed.memdevs) out.set(m.memdev, { ...out.get(m.memdev), ...m });
  }
  return out;
}

type Slots = NonNullable<CxlListMemdev['firmware']>;

/**
 * Get FW Info as the mailbox ioctl answered it (ioctl/cxl/<memN>/get-fw-info.bin); a non-zero return code (the
 * device's) means the payload is no answer.
 */
function mailboxSlots(ctx: LoadContext, memdev: string): { fw: Slots; artifact: string } | undefined {
  const artifact = `ioctl/cxl/${memdev}/get-fw-info.bin`;
  const record = ctx.record(artifact);
  if (!record) return undefined;
  if (record.exitStatus) {
    ctx.sink.issue('FW-STATUS', `${artifact}: the device completed Get FW Info with return code 0x${record.exitStatus.toString(16)}`, artifact);
    return undefined;
  }
  const info = ctx.parse(artifact, 'cxl-fw-info', parseFwInfo);
  if (!info) return undefined;
  for (const i of info.issues) ctx.sink.issue('PARSE', `${artifact}: ${i}`, artifact);
  const staged = info.stagedSlot !== 0 ? { stagedSlot: info.stagedSlot } : {};
  return { fw: { numSlots: info.numSlots, activeSlot: info.activeSlot, ...staged, onlineActivateCapable: info.onlineActivateCapable, slots: info.slots }, artifact };
}

/** CXL memory devices from sysfs, with the firmware slots Get FW Info gives, and the health `cxl list` adds. */
export const cxlLoader: ClassLoader = {
  name: 'cxl',
  load(ctx) {
    const list = listings(ctx);
    const names = new Set<string>(list.keys());
    for (const n of ctx.under(`${CXL}/`)) {
      const m = MEMDEV_ENTRY.exec(n);
      if (m) names.add(m[1]!);
    }
    const pci = new Set(ctx.devices().map((d) => d.key));
    for (const name of [...names].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))) {
      const art = (a: string): string => `${CXL}/${name}/${a}`;
      const text = (a: string): string | undefined => ctx.text(art(a))?.trim();
      const l = list.get(name);
      const key = `cxl:${name}`;
      const linkParent = ctx.text(art(DIR_LINK_NAME))?.split('/').at(-2);
      const parent = [linkParent, l?.host].find((p): p is string => !!p && BDF.test(p) && pci.has(p));
      const serial = serialHex(text('serial'), l?.serial);
      ctx.sink.device({ key, class: 'cxl', parentKey: parent ?? null, serial: serial && serial !== '0x0' ? serial : null });
      const listArt = ctx.names(LIST)[0] ?? 'cmd/cxl';
      const set = (k: string, value: string | number | boolean, artifact: string, namespace = 'cxl'): void => {
        ctx.sink.setting({ deviceKey: key, namespace, key: k, value, mode: 'current', artifact });
      };
      if (serial) set('dsn_present', serial !== '0x0', text('serial') !== undefined ? art('serial') : listArt);

      // The device's own answer wins over a listing; a listing's fw_update_in_progress (from sysfs) is kept.
      const mailbox = mailboxSlots(ctx, name);
      const fw = mailbox?.fw ?? l?.firmware;
      const fwArt = mailbox?.artifact ?? listArt;
      const running = text('firmware_version') ?? l?.firmwareVersion ?? (fw?.activeSlot !== undefined ? fw.slots.get(fw.activeSlot) : undefined);
      if (running) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: running.trim(), state: 'running', scheme: 'plain', artifact: text('firmware_version') !== undefined ? art('firmware_version') : l?.firmwareVersion !== undefined ? listArt : fwArt });

      for (const [k, a] of [['ram_size', 'ram/size'], ['pmem_size', 'pmem/size'], ['numa_node', 'numa_node'], ['payload_max', 'payload_max'], ['label_storage_size', 'label_storage_size']] as const) {
        const v = k === 'numa_node' ? (text(a) !== undefined && /^-?\d+$/.test(text(a)!) ? Number(text(a)) : undefined) : number(text(a));
        if (v !== undefined) set(k, v, art(a));
      }
      if (text('ram/size') === undefined && l?.ramSize !== undefined) set('ram_size', l.ramSize, listArt);
      if (text('pmem/size') === undefined && l?.pmemSize !== undefined) set('pmem_size', l.pmemSize, listArt);
      const security = text('security/state');
      if (security && SECURITY.has(security)) set('security_state', security, art('security/state'));

      const upload = `firmware/${name}`;
      const status = text(`${upload}/status`);
      if (status && UPLOAD_STATUS.has(status)) set('fw_upload_status', status, art(`${upload}/status`));
      const error = text(`${upload}/error`);
      if (error !== undefined) {
        set('fw_upload_error', error, art(`${upload}/error`));
        set('fw_upload_failed', error !== '', art(`${upload}/error`));
      }

      if (fw) {
        for (const [slot, version] of [...fw.slots].sort((a, b) => a[0] - b[0])) {
          if (version.trim()) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: version.trim(), state: `slot-${slot}`, scheme: 'plain', artifact: fwArt });
        }
        if (fw.numSlots !== undefined) set('num_slots', fw.numSlots, fwArt);
        if (fw.activeSlot !== undefined) set('active_slot', fw.activeSlot, fwArt);
        if (fw.stagedSlot !== undefined) set('staged_slot', fw.stagedSlot, fwArt);
        if (fw.onlineActivateCapable !== undefined) set('online_activate_capable', fw.onlineActivateCapable, fwArt);
        if (fw.activeSlot !== undefined) {
          const pending = fw.stagedSlot !== undefined && fw.stagedSlot !== 0 && fw.stagedSlot !== fw.activeSlot;
          set('activation_pending', pending, fwArt);
          const staged = pending ? fw.slots.get(fw.stagedSlot!)?.trim() : undefined;
          if (staged) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: staged, state: 'pending', scheme: 'plain', artifact: fwArt });
        }
      }
      const listed = l?.firmware?.updateInProgress;
      const inProgress = listed === true || (status !== undefined && status !== 'idle' && UPLOAD_STATUS.has(status));
      if (listed !== undefined || status !== undefined) set('fw_update_in_progress', inProgress, listed !== undefined ? listArt : art(`${upload}/status`));

      for (const [k, v] of l?.health ?? []) if (/^[a-z0-9_]+$/.test(k)) set(k, v, listArt, 'cxl.health');
    }
  },
};
