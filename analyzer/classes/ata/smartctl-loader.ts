import { namesDevice } from '../../parsers/masked-value.js';
import { savedSmartctlArgv, savedSmartctlLabel } from '../../../collector/classes/ata/smartctl-source.js';
import { DIR_LINK_NAME } from '../../../bundle/format.js';
import { otherName } from '../../db/one-drive.js';
import type { DeviceRow, DriveIdentity } from '../../db/rows.js';
import { commandTarget, recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { looksLikeJson } from '../../parsers/json-output.js';
import { NO_NODE } from './inventory.js';
import { parseSmartctlJson, parseSmartctlOutputs, type SmartAttribute, type SmartctlInfo } from './smartctl.js';
import { nvmeSmartSettings } from './smartctl-nvme-health.js';
import { driveNode, udevLink } from '../../parsers/drive-node.js';
import { inquiryFirmware } from '../core/inquiry-model.js';
import { CUT_MODEL_WHY, inquiryAtaModel } from './inquiry-cut.js';

/**
 * The drive smartctl was pointed at: the last argv word, and the -d type when it names a port behind a
 * controller. An output saved without a device is named by what is its own whatever else the tree holds: its serial,
 * else the label its saved name gives (`sas-drive`), else the model it prints, else its saved name; never by its
 * place among the tree's other such outputs (the stored name's `@2`), which a support engineer cannot tell from the
 * files and which would change between two collections of the same drive.
 */
function target(argv: readonly string[], info: SmartctlInfo, saved: string): { path: string; name: string } {
  const last = argv.at(-1)!;
  const own = usableSerial(info.serial) ? info.serial : savedSmartctlLabel(saved) ?? (info.model || undefined) ?? saved.split('/').pop()!.replace(/(?:@\d+)?\.(?:out|txt|log|json)$/i, '');
  const path = namesNode(argv, info) ? last : `/dev/${NO_NODE}${own.replace(/[^A-Za-z0-9_.:+,-]/g, '_')}`;
  const d = argv.indexOf('-d') >= 0 ? argv[argv.indexOf('-d') + 1] : argv.find((w) => w.startsWith('--device='))?.slice(9);
  // smartctl run on a partition (`/dev/sda1`, `/dev/ada0p2`, `/dev/disk0s1`, OpenBSD's raw `/dev/rwd0c`) reads its drive.
  const base = driveNode(path.replace(/^\/dev\//, '').replace(/\//g, '-'));
  return { path, name: d && d.includes(',') ? `${base}@${d}` : base };
}

/**
 * The output is named by the /dev node it was run on. One run on a udev link (`/dev/disk/by-partlabel/j1d01-ssd`) that
 * prints the drive's serial is named as one run on no node, by that serial (`smartctl-<serial>`), and declares its drive
 * by what it gives of itself: the link names neither the drive's node nor, for a partition's, the drive, and the device
 * of its serial under its /dev node (`block:sdb`, `scsi:0:0:1:0`) is the one it folds into. Without a serial the link,
 * readable, names it (`block:disk-by-partlabel-j1d01-ssd`).
 */
function namesNode(argv: readonly string[], info: SmartctlInfo): boolean {
  const last = argv.at(-1)!;
  return last.startsWith('/dev/') && !(udevLink(last) && usableSerial(info.serial));
}

type DeviceClass = DeviceRow['class'];

/** An output that tells nothing of a drive (a file of something else, smartctl's own error for a device it could not open). */
function saysNothing(info: SmartctlInfo): boolean {
  return info.protocol === undefined && info.health === undefined && info.powerStates.length === 0 && Object.keys(info.fields).length === 0 && !info.attributes?.length &&
    ![info.model, info.serial, info.firmware, info.family].some((v) => v !== undefined && v !== '');
}

/** A serial that names one drive: not a placeholder or a mask ('--', 'XXXXXXXX', '[REMOVED]', '9RK1XXXX', 'WD-WCC4E (REDACTED)'). */
function usableSerial(s: string | undefined): s is string {
  return namesDevice(s);
}

const CLASS_OF: Record<NonNullable<SmartctlInfo['protocol']>, DeviceClass> = { ATA: 'ata', NVMe: 'nvme', SCSI: 'block' };
const BUS_OF: Record<NonNullable<SmartctlInfo['protocol']>, DriveIdentity['bus']> = { ATA: 'ATA', NVMe: 'NVMe', SCSI: 'SCSI' };

/**
 * The device a smartctl output is about: one already loaded with the same serial, else the NVMe controller of an
 * nvme node or the ATA device under the named block device, else a new device keyed by the node's name.
 */
function deviceFor(ctx: LoadContext, info: SmartctlInfo, argv: readonly string[], saved: string): { key: string; known: boolean; cls?: DeviceClass } {
  const devices = ctx.devices();
  const serial = info.serial;
  const cls = info.protocol ? CLASS_OF[info.protocol] : 'block';
  // A drive's own row (ata, nvme) first; else a SCSI drive another smartctl output made under another name (sda, sg2).
  // A device of the serial whose world wide name is another is another drive (one serial on two drives).
  const ofSerial = (d: (typeof devices)[number]): boolean => d.serial === serial && !otherName(ctx.drive(d.key)?.wwn, info.wwn);
  const bySerial = !usableSerial(serial) ? undefined
    : devices.find((d) => ofSerial(d) && (d.class === 'ata' || d.class === 'nvme')) ?? (cls === 'block' ? devices.find((d) => ofSerial(d) && d.class === 'block') : undefined);
  const { path, name } = target(argv, info, saved);
  const ctrl = /^\/dev\/(nvme\d+)(?:c\d+)?(?:n\d+)?(?:p\d+)?$/.exec(path)?.[1];
  // A controller known by what an output gives of itself (`nvme:id-ctrl-<serial>`) is named by the node this output names:
  // the device made here declares the drive, and the load folds the other into it.
  if (bySerial && !(ctrl && bySerial.class === 'nvme' && !/^nvme:nvme\d+$/.test(bySerial.key))) return { key: bySerial.key, known: true };
  // The node is an NVMe controller's: the drive is one, whether or not the output says its protocol (`jq '{model_name}'`).
  if (ctrl) return { key: `nvme:${ctrl}`, known: devices.some((d) => d.key === `nvme:${ctrl}`), cls: 'nvme' };
  const ata = devices.find((d) => d.key === `block:${name}`)?.parentKey;
  if (ata?.startsWith('ata:') && !otherName(ctx.drive(ata)?.wwn, info.wwn)) return { key: ata, known: true };
  // The host's disk of a SCSI device (…/0:0:4:0/block/sda) is not the drive: the output is the SCSI device's, reached by
  // the node, and folds into scsi:<H:C:T:L> of its serial once the scsi class has loaded it.
  if (cls === 'block' && /\/\d+:\d+:\d+:\d+\/block\/[^/]+$/.test(ctx.text(`sys/block/${name}/${DIR_LINK_NAME}`) ?? '')) {
    return { key: `scsi:${name}`, known: devices.some((d) => d.key === `scsi:${name}`), cls: 'scsi' };
  }
  const same = devices.find((d) => d.key === `${cls}:${name}`);
  // Two outputs of one device name whose serials differ (two hosts' sda), or whose world wide names differ, are two
  // drives: the second is known by its serial (its name) too.
  const other = same && usableSerial(serial) && same.serial === serial && otherName(ctx.drive(same.key)?.wwn, info.wwn) ? info.wwn : undefined;
  if (other || (same && usableSerial(serial) && usableSerial(same.serial ?? undefined) && same.serial !== serial)) {
    const own = `${cls}:${name}-${(other ?? serial!).replace(/[^A-Za-z0-9_.:+,-]/g, '_')}`;
    return { key: own, known: devices.some((d) => d.key === own) };
  }
  // Two outputs named alike of drives that print different models (no serial to tell them by) are two drives.
  if (same && !argv.at(-1)!.startsWith('/dev/') && info.model && same.model && same.model !== info.model) {
    for (let n = 2; ; n++) if (!devices.some((d) => d.key === `${cls}:${name}@${n}`)) return { key: `${cls}:${name}@${n}`, known: false };
  }
  return { key: `${cls}:${name}`, known: same !== undefined };
}

interface ReadOutput {
  name: string;
  argv: readonly string[];
  infos: SmartctlInfo[];
}

function readOutput(ctx: LoadContext, name: string): ReadOutput | undefined {
  const origin = ctx.record(name)?.origin;
  const argv = origin?.kind === 'cmd' ? origin.argv : savedSmartctlArgv(name);
  if (!argv) return undefined;
  const json = looksLikeJson(ctx.text(name) ?? '');
  const parsed = json
    ? ctx.parse(name, 'smartctl-json', (d) => {
      const one = parseSmartctlJson(d.toString('utf8'));
      return { outputs: [one], issues: one.issues };
    })
    : ctx.parse(name, 'smartctl-text', (d) => parseSmartctlOutputs(d.toString('utf8')));
  if (!parsed) return undefined;
  recordLineIssues(ctx, name, json ? 'smartctl-json' : 'smartctl-text', parsed.issues);
  return { name, argv, infos: parsed.outputs };
}

/** An output that names its drive by nothing but the node (`smartctl -H`, `smartctl -A`): no model, no serial. */
const namesNoDrive = (o: ReadOutput): boolean => !o.infos.some((i) => usableSerial(i.serial) || i.model);

function loadOutput(ctx: LoadContext, { name, argv, infos }: ReadOutput): void {
  // Several drives' outputs in one file: the first is the drive the name gives, the others are named by their serials.
  // An output of a drive whose serial a later output shows again is that drive's earlier state: the later is read.
  const serials = infos.map((i) => (usableSerial(i.serial) ? i.serial : undefined));
  infos.forEach((info, i) => {
    const later = serials[i] === undefined ? -1 : serials.indexOf(serials[i], i + 1);
    if (later >= 0) {
      ctx.sink.issue('EARLIER-OUTPUT', `smartctl: output ${i + 1} of the file shows the drive of serial ${serials[i]} again in output ${later + 1}, read as current; this one is not stored`, name);
      return;
    }
    if (i > 0 && anotherRun(info, argv)) {
      // The drive's protocol is the one the run before showed.
      loadInfo(ctx, name, { ...info, protocol: info.protocol ?? infos[i - 1]!.protocol }, argv);
      return;
    }
    const first = i === 0 || (serials[i] !== undefined && serials[0] === serials[i]);
    loadInfo(ctx, name, info, first ? argv : argv.filter((w) => !w.startsWith('/dev/')));
  });
}

/**
 * An output that shows nothing of a drive of its own (no serial, no model: `smartctl -H`, `smartctl -A`) pasted after
 * another is a further run on the same drive, unless its command line names another device.
 */
function anotherRun(info: SmartctlInfo, argv: readonly string[]): boolean {
  if (usableSerial(info.serial) || info.model) return false;
  const named = [...(info.command ?? '').matchAll(/(?:^|\s)(\/dev\/\S+)/g)].at(-1)?.[1];
  return named === undefined || named === argv.at(-1);
}

function loadInfo(ctx: LoadContext, name: string, info: SmartctlInfo, argv: readonly string[]): void {
  if (saysNothing(info)) {
    // An excerpt whose filter kept nothing read is stored as it is (the load names its filter): no drive, no issue of its own.
    if (info.excerpt) return;
    ctx.sink.issue('PARSE', `${name}: no smartctl information found (no model, serial, firmware, health or protocol line): no device is made from the file's name alone`, name);
    return;
  }
  const { key, known, cls } = deviceFor(ctx, info, argv, ctx.record(name)?.replayedFrom ?? name);
  // A device another loader made keeps its class, model and serial; smartctl's are settings below.
  // A device made here declares the drive it is (another loader's declares its own), so that one drive is one device.
  const serial = info.serial?.trim();
  const bus = info.protocol ? BUS_OF[info.protocol] : undefined;
  // The SCSI form's model of vendor ATA is its product, the ATA model's first 16 characters: stored marked cut as
  // the ata class stores that product from sysfs or lsscsi.
  const sat = info.satModel && info.model !== undefined ? inquiryAtaModel(info.model) : undefined;
  ctx.sink.device({
    key, class: cls ?? (info.protocol ? CLASS_OF[info.protocol] : 'block'), model: known ? null : (sat?.model ?? info.model ?? null), serial: known ? null : (info.serial ?? null),
    ...(!known && info.protocol === 'NVMe' && info.pciVendorId !== undefined ? { vendorId: info.pciVendorId } : {}),
    ...(!known && bus && usableSerial(serial) ? { drive: { bus, serial, ...(info.wwn ? { wwn: info.wwn } : {}), named: namesNode(argv, info) ? 'node' : 'own' } } : {}),
  });
  if (!known && sat?.cut) ctx.sink.issue('PARTIAL-MODEL', `${name}: smartctl printed the drive ${key} in its SCSI form (vendor ATA), its model only as the product "${info.model}": ${CUT_MODEL_WHY}`, name);
  const running = ctx.firmware(key).find((f) => f.component === 'firmware' && f.state === 'running');
  // A SCSI INQUIRY revision is stored as every SCSI source stores it: of vendor ATA marked cut, a placeholder as printed.
  const firmware = info.firmware && info.inquiryVendor !== undefined ? inquiryFirmware(info.inquiryVendor, info.firmware) : info.firmware;
  if (firmware && !running) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: firmware, state: 'running', artifact: name });
  recordSettings(ctx, key, 'smartctl', {
    protocol: info.protocol, model: info.model, serial: info.serial, wwn: info.wwn, model_family: info.family, firmware_version: info.firmware, capacity_bytes: info.capacityBytes,
    sata_version: info.sataVersion, ata_version: info.ataVersion, nvme_version: info.nvmeVersion, smart_available: info.smartAvailable,
    smart_enabled: info.smartEnabled, health: info.health, warning: info.warning, frmw: info.frmw,
    ...(info.frmw !== undefined ? {
      firmware_slots: (info.frmw >> 1) & 7, slot1_read_only: (info.frmw & 1) === 1, activation_without_reset: (info.frmw & 0x10) === 0x10,
    } : {}),
  }, name);
  // The NVMe health log smartctl printed is stored as nvme-cli's smart-log of the controller is: one fact, whichever tool.
  const nvme = ctx.devices().find((d) => d.key === key)?.class === 'nvme';
  if (info.nvmeHealth && nvme) recordSettings(ctx, key, 'nvme.smart', nvmeSmartSettings(info.nvmeHealth), name);
  // So are the Identify Controller fields it printed: nvme-cli's id-ctrl keys.
  const id = info.nvmeIdentify;
  if (id && nvme) {
    recordSettings(ctx, key, 'nvme.id-ctrl', {
      mdts: id.mdts, oacs: id.oacs, firmware_commit_supported: id.oacs === undefined ? undefined : (id.oacs & 4) === 4, oncs: id.oncs, lpa: id.lpa, wctemp_k: id.wctempK, cctemp_k: id.cctempK,
    }, name);
  }
  for (const a of info.attributes ?? []) recordSettings(ctx, key, 'smartctl.attribute', attributeSettings(a), name);
  for (const ps of info.powerStates) {
    ctx.sink.setting({ deviceKey: key, namespace: 'smartctl.power-state', key: `ps${ps.state}`, value: `${ps.maxPowerW}W${ps.nonOperational ? ' non-operational' : ''} enlat:${ps.entryLatencyUs} exlat:${ps.exitLatencyUs}`, mode: 'current', artifact: name });
  }
}

/** One attribute table row as `smartctl.attribute` settings, `<id>/<field>` (`194/raw`, `5/when_failed`). */
function attributeSettings(a: SmartAttribute): Record<string, string | number | undefined> {
  return {
    [`${a.id}/name`]: a.name, [`${a.id}/flags`]: a.flags === undefined ? undefined : `0x${a.flags.toString(16).padStart(4, '0')}`,
    [`${a.id}/value`]: a.value, [`${a.id}/worst`]: a.worst, [`${a.id}/thresh`]: a.thresh, [`${a.id}/type`]: a.type, [`${a.id}/updated`]: a.updated,
    [`${a.id}/when_failed`]: a.whenFailed, [`${a.id}/raw`]: a.raw,
  };
}

/** smartctl outputs (`cmd/smartctl/…`, text or -j JSON): firmware and identity attached to the drive they describe. */
export const smartctlLoader: ClassLoader = {
  name: 'smartctl',
  load(ctx) {
    // Outputs run on a generic node (sg2, bsg/…) after those on the disk's own, and those run on a udev link after
    // both: one drive is named as its disk is.
    const generic = (name: string): number => {
      const last = commandTarget(ctx, name);
      return udevLink(last) ? 2 : /^\/dev\/(?:sg\d+|bsg\/)/.test(last) ? 1 : 0;
    };
    const read = ctx.names(/^cmd\/smartctl\/[^/]+\.out$/).sort((a, b) => generic(a) - generic(b))
      .map((name) => readOutput(ctx, name)).filter((o): o is ReadOutput => o !== undefined);
    // A drive's -H or -A saved apart from its -i (`smartctl -H nvme1n1.txt` sorts before `smartctl -i nvme1n1.txt`) is
    // that drive's: the outputs that show the drive make its device first.
    for (const o of [...read.filter((x) => !namesNoDrive(x)), ...read.filter(namesNoDrive)]) loadOutput(ctx, o);
  },
};
