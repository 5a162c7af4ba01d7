import { namesDevice } from '../../parsers/masked-value.js';
import { commandTarget, onUdevLink, recordLineIssues } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { printedLuName } from './lu-name-text.js';
import { looksLikeJson } from '../../parsers/json-output.js';
import { parseSgInq, type SgInq } from './sg-inq.js';
import { parseSgInqJson } from './sg-inq-json.js';
import { inquiryFirmware, spreadAtaModel } from '../core/inquiry-model.js';
import { scsiNodeKey } from './link-key.js';

/**
 * A saved sg_inq output (`cmd/sg_inq/…`, replayed from a captured tree): the drive at the node it was run on,
 * `scsi:<node>` (`scsi:sda`, `scsi:sg2`), with INQUIRY vendor, product and revision, the VPD serial and the logical
 * unit's name (its NAA, else EUI-64, else SCSI name string, else T10 vendor identification) as sysfs gives them (behind a SAT layer, vendor `ATA`, the model the drive reported in VPD page 0x89). It declares the drive
 * it is by its unit serial number, so that the load folds it into the SCSI device of that serial the host names
 * (`scsi:<H:C:T:L>`).
 */
function readOne(ctx: LoadContext, name: string): { name: string; node: string; r: SgInq } | undefined {
  const node = /^\/dev\/(.+)$/.exec(commandTarget(ctx, name))?.[1];
  if (!node) return undefined;
  const r = ctx.parse(name, 'sg_inq', (d) => (looksLikeJson(d.toString('utf8')) ? parseSgInqJson : parseSgInq)(d.toString('utf8')));
  if (!r) return undefined;
  recordLineIssues(ctx, name, 'sg_inq', r.issues);
  return { name, node, r };
}

function storeOne(ctx: LoadContext, { name, node, r }: { name: string; node: string; r: SgInq }, identified: ReadonlySet<string>): void {
  const luName = printedLuName(r);
  if (!r.vendor && !r.product && !r.serial && !r.ata && !r.nvme && !luName) return;
  // An NVMe node: sg_inq printed its Identify Controller summary, the controller's own model, serial and firmware.
  const serial = r.serial ?? r.ata?.serial ?? r.nvme?.serial;
  const { key, own } = scsiNodeKey('sg_inq', node, serial, luName);
  // ATA information (page 0x89) is a SAT layer's: the model, serial and firmware revision it holds are the drive's own
  // IDENTIFY strings, whole where the standard INQUIRY cuts them (16 and 4 characters): an output of that page is stored
  // after the others of its node, and their INQUIRY revision is no running firmware of a node that page names. Without
  // that page, a SAT layer's revision (vendor ATA) is only the firmware's last 4 characters: stored marked as cut.
  const revision = r.ata?.firmware ?? r.nvme?.firmware ?? (r.revision ? inquiryFirmware(r.vendor, r.revision) : undefined);
  ctx.sink.device({
    key, class: 'scsi', model: r.ata?.model ?? r.nvme?.model ?? spreadAtaModel(r.vendor, r.product) ?? r.product ?? null, serial: serial ?? null,
    ...(namesDevice(serial) ? { drive: { bus: r.nvme?.serial && !r.serial ? 'NVMe' as const : 'SCSI' as const, serial, ...(luName ? { wwn: luName } : {}), named: own ? 'own' : 'node' } } : {}),
  });
  const running = ctx.firmware(key).some((f) => f.component === 'firmware' && f.state === 'running');
  if (revision && !running && (r.ata?.firmware || r.nvme?.firmware || !identified.has(node))) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: revision, state: 'running', scheme: 'plain', artifact: name });
  if (r.vendor) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: 'vendor', value: r.vendor, mode: 'current', artifact: name });
  if (r.deviceType !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'scsi', key: 'type', value: r.deviceType, mode: 'current', artifact: name });
  if (r.serial) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'serial', value: r.serial, mode: 'current', artifact: name });
  if (luName) ctx.sink.setting({ deviceKey: key, namespace: 'vpd', key: 'lu_name', value: luName, mode: 'current', artifact: name });
}

export const sgInqLoader: ClassLoader = {
  name: 'sg_inq',
  load(ctx) {
    const read = ctx.names(/^cmd\/sg_inq\/[^/]+\.out$/).map((name) => readOne(ctx, name)).filter((x) => x !== undefined).sort((a, b) => onUdevLink(ctx, a.name) - onUdevLink(ctx, b.name));
    const identified = new Set(read.filter((x) => x.r.ata?.firmware).map((x) => x.node));
    for (const one of [...read.filter((x) => !x.r.ata?.firmware), ...read.filter((x) => x.r.ata?.firmware)]) storeOne(ctx, one, identified);
  },
};
