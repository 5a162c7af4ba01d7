import { recordLineIssues } from '../../load/loader-util.js';
import type { LoadContext } from '../../load/types.js';
import { parseFwupdDevices, type FwupdDevice } from './fwupd.js';

/** Saved `fwupdmgr get-devices` and `get-updates` outputs (text or `--json`), replayed from a tree or stored by a report's import. */
const FWUPDMGR = /^cmd\/fwupdmgr\/get-(devices|updates)(?:_[^/]*)?\.out$/;
/** A DeviceId is a SHA-1 of the device's identity; a writer's mask (all zeros) or 1.0's path (`/dev/mei`) keys nothing. */
const DEVICE_ID = /^(?![0]+$)[0-9a-f]{40}$/;

/**
 * The fwupd devices of a saved get-devices output: one device each, its current version a firmware row
 * (docs/facts.md). `get-updates` lists the devices that have an update, each with the releases offered: where a
 * get-devices list was read, those releases go on its devices (by DeviceId, else by a name listed once) and a device
 * it lacks is added; with no list, the get-updates output is the list.
 */
export function loadFwupd(ctx: LoadContext): void {
  const names = ctx.names(FWUPDMGR).sort((a, b) => verbOf(a).localeCompare(verbOf(b)) || a.localeCompare(b));
  const platform = (): string | null => (ctx.devices().some((d) => d.key === 'platform') ? 'platform' : null);
  /** The devices stored so far, by the keys they were stored under. */
  const stored: { key: string; device: FwupdDevice }[] = [];
  const used = new Set<string>();
  let listed = false;
  for (const name of names) {
    const updates = verbOf(name) === 'updates';
    if (listed && !updates) continue;
    // The text and the JSON of one host list the same devices: the first output read is the host's list.
    const parsed = ctx.parse(name, 'fwupdmgr', (d) => parseFwupdDevices(d.toString('utf8')));
    if (!parsed) continue;
    recordLineIssues(ctx, name, 'fwupdmgr', parsed.issues);
    if (!parsed.devices.length) continue;
    const keys: string[] = [];
    parsed.devices.forEach((d, n) => {
      const known = listed ? storedAs(stored, d) : undefined;
      if (known !== undefined) {
        keys.push(known);
        recordReleases(ctx, known, d, name);
        return;
      }
      const id = d.deviceId?.toLowerCase();
      const key = id !== undefined && DEVICE_ID.test(id) && !used.has(id) ? `fwupd:${id}` : `fwupd:${listed ? `${verbOf(name)}-` : ''}${n + 1}`;
      used.add(id ?? '');
      keys.push(key);
      const parentKey = d.parent !== undefined ? keys[d.parent]! : platform();
      ctx.sink.device({ key, class: 'fwupd', parentKey, model: d.name || null });
      recordDevice(ctx, key, d, name);
      recordReleases(ctx, key, d, name);
      stored.push({ key, device: d });
    });
    listed = true;
  }
}

const verbOf = (name: string): string => FWUPDMGR.exec(name)?.[1] ?? '';

/** The key a device of get-updates was stored under from the list: its DeviceId's, else the one device of its name. */
function storedAs(stored: { key: string; device: FwupdDevice }[], d: FwupdDevice): string | undefined {
  const id = d.deviceId?.toLowerCase();
  if (id !== undefined && DEVICE_ID.test(id)) return stored.find((s) => s.device.deviceId?.toLowerCase() === id)?.key;
  const same = stored.filter((s) => s.device.name === d.name);
  return same.length === 1 ? same[0]!.key : undefined;
}

function recordReleases(ctx: LoadContext, key: string, d: FwupdDevice, artifact: string): void {
  const offered = (d.releases ?? []).filter((v) => v !== '');
  if (!offered.length) return;
  ctx.sink.setting({ deviceKey: key, namespace: 'fwupd', key: 'update_version', value: offered[0]!, mode: 'current', artifact });
  ctx.sink.setting({ deviceKey: key, namespace: 'fwupd', key: 'update_versions', value: offered.join(','), mode: 'current', artifact });
}

function recordDevice(ctx: LoadContext, key: string, d: FwupdDevice, artifact: string): void {
  if (d.version !== undefined) ctx.sink.firmware({ deviceKey: key, component: 'fwupd', version: d.version, state: 'running', artifact });
  if (d.versionBootloader !== undefined) ctx.sink.firmware({ deviceKey: key, component: 'fwupd.bootloader', version: d.versionBootloader, state: 'running', artifact });
  const set = (k: string, value: string | boolean | undefined): void => {
    if (value !== undefined && value !== '') ctx.sink.setting({ deviceKey: key, namespace: 'fwupd', key: k, value, mode: 'current', artifact });
  };
  set('device_id', d.deviceId);
  set('summary', d.summary);
  set('plugin', d.plugin);
  set('vendor', d.vendor);
  set('vendor_id', d.vendorId);
  set('version_format', d.versionFormat);
  set('version_lowest', d.versionLowest);
  const guids = d.guids.filter((g) => !/^[0-]+$/.test(g));
  set('guids', guids.join(','));
  set('instance_ids', d.instanceIds.join(','));
  set('flags', d.flags.join(','));
  // Flags printed only in words not read (a translated output) tell neither way.
  const told = !(d.flags.length > 0 && d.unknownFlags === d.flags.length);
  set('updatable', told ? d.flags.includes('updatable') : undefined);
  set('needs_reboot', told ? d.flags.includes('needs-reboot') || d.flags.includes('needs-shutdown') : undefined);
  set('locked', d.flags.includes('locked') ? true : undefined);
  set('update_state', d.updateState);
  set('update_error', d.updateError);
}
