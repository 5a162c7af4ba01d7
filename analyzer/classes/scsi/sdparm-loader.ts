import { namesDevice } from '../../parsers/masked-value.js';
import { onUdevLink, recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { parseSdparm } from './sdparm.js';
import { scsiNodeKey } from './link-key.js';
import { inquiryFirmware } from '../core/inquiry-model.js';

/** A serial that names one drive: not blank, a placeholder or a mask. */
const namesDrive = (s: string | undefined): s is string => namesDevice(s);

/**
 * A saved sdparm output (`cmd/sdparm/…`, replayed from a captured tree): the drive at the node it was run on,
 * `scsi:<node>` as a saved sg_inq output makes it, with INQUIRY vendor, product and revision, the VPD serial and NAA
 * where it printed them, and each mode page field it listed (`sdparm.ca.WCE`, its current value). It declares the drive by
 * its serial (behind a SAT layer, vendor `ATA`, the drive's own IDENTIFY serial), so the load folds it into the device
 * of that serial the host names.
 */
function loadOne(ctx: LoadContext, name: string): void {
  const origin = ctx.record(name)?.origin;
  const argv = origin?.kind === 'cmd' ? origin.argv : undefined;
  if (!argv) return;
  const r = ctx.parse(name, 'sdparm', (d) => parseSdparm(d.toString('utf8')));
  if (!r) return;
  recordLineIssues(ctx, name, 'sdparm', r.issues);
  const node = /^\/dev\/(.+)$/.exec(argv.at(-1) ?? '')?.[1] ?? /^\/dev\/(.+)$/.exec(r.node ?? '')?.[1];
  if (!node || (!r.vendor && !r.product && !r.serial && !Object.keys(r.fields).length)) {
    ctx.sink.issue('PARSE', `${name}: an sdparm output that names no device (no /dev/… line, nor one in its command) or shows nothing of one: not loaded`, name);
    return;
  }
  const sat = r.vendor === 'ATA';
  const naa = r.naa ? `naa.${r.naa.replace(/^0x/, '')}` : undefined;
  const { key, own } = scsiNodeKey('sdparm', node, r.serial, naa);
  ctx.sink.device({
    key, class: 'scsi', model: (sat ? r.ataModel : undefined) ?? r.product ?? null, serial: r.serial ?? null,
    ...(namesDrive(r.serial) ? { drive: { bus: sat ? 'ATA' : 'SCSI', serial: r.serial, ...(naa ? { wwn: naa } : {}), named: own ? 'own' : 'node' } } : {}),
  });
  const running = ctx.firmware(key).some((f) => f.component === 'firmware' && f.state === 'running');
  if (r.revision && !running) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: inquiryFirmware(r.vendor, r.revision), state: 'running', scheme: 'plain', artifact: name });
  if (r.vendor) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: 'vendor', value: r.vendor, mode: 'current', artifact: name });
  if (r.serial) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'serial', value: r.serial, mode: 'current', artifact: name });
  if (naa) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'lu_name', value: naa, mode: 'current', artifact: name });
  for (const [field, v] of Object.entries(r.fields)) {
    ctx.sink.setting({ deviceKey: key, namespace: 'sdparm', key: field, value: v.current, mode: 'current', artifact: name });
    if (v.default !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'sdparm', key: field, value: v.default, mode: 'default', artifact: name });
    if (v.saved !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'sdparm', key: field, value: v.saved, mode: 'permanent', artifact: name });
  }
}

export const sdparmLoader: ClassLoader = {
  name: 'sdparm',
  load(ctx) {
    for (const name of ctx.names(/^cmd\/sdparm\/[^/]+\.out$/).sort((a, b) => onUdevLink(ctx, a) - onUdevLink(ctx, b))) loadOne(ctx, name);
  },
};
