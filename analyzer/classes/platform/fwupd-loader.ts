import { recordLineIssues } from '../../load/loader-util.js';
import type { LoadContext } from '../../load/types.js';
import { parseFwupdDevices, type FwupdDevice } from './fwupd.js';

/** Saved `fwupdmgr get-devices` outputs (text or `--json`), replayed from a tree or stored by a report's import. */
const FWUPDMGR = /^cmd\/fwupdmgr\/get-devices(?:_[^/]*)?\.out$/;
/** A DeviceId is a SHA-1 of the device's identity; a writer's mask (all zeros) or 1.0's path (`/dev/mei`) keys nothing. */
const DEVICE_ID = /^(?![0]+$)[0-9a-f]{40}$/;

/** The fwupd devices of a saved get-devices output: one device each, its current version a firmware row (docs/facts.md). */
export function loadFwupd(ctx: LoadContext): void {
  const names = ctx.names(FWUPDMGR).sort();
  // The text and the JSON of one host list the same devices: the first output read is the host's list.
  for (const name of names) {
    const parsed = ctx.parse(name, 'fwupdmgr', (d) => parseFwupdDevices(d.toString('utf8')));
    if (!parsed) continue;
    recordLineIssues(ctx, name, 'fwupdmgr', parsed.issues);
    if (!parsed.devices.length) continue;
    const platform = ctx.devices().some((d) => d.key === 'platform') ? 'platform' : null;
    const keys: string[] = [];
    const used = new Set<string>();
    parsed.devices.forEach((d, n) => {
      const id = d.deviceId?.toLowerCase();
      const key = id !== undefined && DEVICE_ID.test(id) && !used.has(id) ? `fwupd:${id}` : `fwupd:${n + 1}`;
      used.add(id ?? '');
      keys.push(key);
      const parentKey = d.parent !== undefined ? keys[d.parent]! : platform;
      ctx.sink.device({ key, class: 'fwupd', parentKey, model: d.name || null });
      recordDevice(ctx, key, d, name);
    });
    return;
  }
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
