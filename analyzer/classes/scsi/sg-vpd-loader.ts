import { namesDevice } from '../../parsers/masked-value.js';
import { commandTarget, onUdevLink, recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { printedLuName } from './lu-name-text.js';
import { parseSgVpd } from './sg-vpd.js';
import { scsiNodeKey } from './link-key.js';

const NVME_NODE = /^(?:nvme\d+(?:c\d+)?(?:n\d+)?|ng\d+n\d+)$/;

/** A serial that names one drive: not blank, a placeholder (`0000000000000000`) or a mask. */
const namesDrive = (s: string | undefined): s is string => namesDevice(s);

/**
 * A saved sg_vpd output (`cmd/sg_vpd/…`, replayed from a captured tree): the device at the node it was run on,
 * `scsi:<node>` as a saved sg_inq output makes it, with the VPD serial and the logical unit's name (its NAA, else its
 * EUI-64, else its T10 vendor identification). With ATA information (page 0x89, a SAT layer's), the drive behind it: its IDENTIFY model, serial and
 * firmware revision, the running firmware — the SAT layer's own vendor, product and revision are the translator's, not
 * the drive's. It declares the drive by its serial
 * (the IDENTIFY one behind SAT), so the load folds it into the device of that serial the host names; a placeholder
 * serial (a bridge's `0000000000000000`) names none.
 */
function loadOne(ctx: LoadContext, name: string): void {
  const node = /^\/dev\/(.+)$/.exec(commandTarget(ctx, name))?.[1];
  if (!node) return;
  const r = ctx.parse(name, 'sg_vpd', (d) => parseSgVpd(d.toString('utf8')));
  if (!r) return;
  recordLineIssues(ctx, name, 'sg_vpd', r.issues);
  const luName = printedLuName(r);
  if (!r.serial && !luName && !r.ata) return;
  const ata = r.ata;
  const serial = ata?.serial || r.serial;
  const { key, own } = scsiNodeKey('sg_vpd', node, serial, luName);
  // An NVMe node, answered by a SCSI-to-NVMe translation: its unit serial number is the controller's serial (Identify SN),
  // and the names it makes of the namespace are none a world wide name of the NVMe drive is compared with. A namespace's
  // node names no controller: the drive is declared as what the output gives of itself, so it folds into the controller
  // of that serial (nvme:nvme0).
  const nvme = NVME_NODE.test(node);
  ctx.sink.device({
    key, class: 'scsi', model: ata?.model || null, serial: serial ?? null,
    ...(namesDrive(serial) ? { drive: { bus: nvme ? 'NVMe' : ata?.serial ? 'ATA' : 'SCSI', serial, ...(luName && !nvme ? { wwn: luName } : {}), named: own || nvme ? 'own' : 'node' } } : {}),
  });
  const running = ctx.firmware(key).some((f) => f.component === 'firmware' && f.state === 'running');
  if (ata?.firmware && !running) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: ata.firmware, state: 'running', scheme: 'plain', artifact: name });
  if (r.serial) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'serial', value: r.serial, mode: 'current', artifact: name });
  if (luName) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'lu_name', value: luName, mode: 'current', artifact: name });
}

export const sgVpdLoader: ClassLoader = {
  name: 'sg_vpd',
  load(ctx) {
    for (const name of ctx.names(/^cmd\/sg_vpd\/[^/]+\.out$/).sort((a, b) => onUdevLink(ctx, a) - onUdevLink(ctx, b))) loadOne(ctx, name);
  },
};
