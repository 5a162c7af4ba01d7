import { placeholderRevision } from '../core/inquiry-model.js';
import { namesDevice } from '../../parsers/masked-value.js';
import { DIR_LINK_NAME } from '../../../bundle/format.js';
import { ataDeviceOf, ataDiskPath } from '../../../collector/classes/ata/topology.js';
import { parseAtaIdentify, parseAtaTrimMode, type AtaIdentify } from './ata.js';
import { parseQueueAttribute, parseScheduler } from './block-queue.js';
import { attributesIn, instances, lastBdf, recordSettings, sysfsSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { CUT_MODEL_WHY, inquiryAtaFirmware, inquiryAtaModel, SCSI_REV_WHY } from './inquiry-cut.js';

const DISK = /^sys\/block\/([^/]+)(?:\/|$)/;
const ATA_DEVICE = /^sys\/class\/ata_device\/([^/]+)(?:\/|$)/;
const NVME_NS = /\/nvme\/(nvme\d+)\/[^/]+$/;
const HOST = /\/ata\d+\/(host\d+)\//;
const NOT_BLOCK_SETTINGS = new Set(['uevent', 'dev', 'device']);
const NOT_DEVICE_SETTINGS = new Set(['inquiry', 'vpd_pg0', 'vpd_pg80', 'vpd_pg83', 'vpd_pg89', 'vpd_pgb0', 'vpd_pgb1', 'vpd_pgb2', 'uevent']);
const ATA_SYSFS = new Set(['class', 'gscr', 'ering', 'spdn_cnt', 'pio_mode', 'dma_mode', 'xfer_mode']);

/** An IDENTIFY serial that names one drive: not blank, a placeholder or a mask. */
const namesDrive = (s: string): boolean => namesDevice(s);

interface DiskLink {
  disk: string;
  target: string;
}

/** `ata`: the libata device the disk is on (`dev1.0`); parent_key points from the disk to it, as from a namespace to its controller. */
function loadDisk(ctx: LoadContext, { disk, target }: DiskLink, ata: string | undefined): void {
  const key = `block:${disk}`;
  const dir = `sys/block/${disk}`;
  const nvme = NVME_NS.exec(target)?.[1];
  const dev = (a: string): string | undefined => ctx.text(`${dir}/device/${a}`)?.trim() || undefined;
  ctx.sink.device({
    key, class: 'block', pciAddress: lastBdf(target), parentKey: nvme ? `nvme:${nvme}` : ata ? `ata:${ata}` : lastBdf(target),
    model: dev('model') ?? null, serial: dev('serial') ?? null,
  });
  sysfsSettings(ctx, key, dir, NOT_BLOCK_SETTINGS);
  sysfsSettings(ctx, key, `${dir}/device`, NOT_DEVICE_SETTINGS, { prefix: 'device/' });
  for (const a of attributesIn(ctx, `${dir}/queue`)) {
    const name = `${dir}/queue/${a}`;
    const value = ctx.parse(name, 'block-queue', (d) => parseQueueAttribute(a, d.toString('utf8')));
    if (value === undefined) continue;
    ctx.sink.setting({ deviceKey: key, namespace: 'queue', key: a, value, mode: 'current', artifact: name });
    if (a === 'scheduler') {
      ctx.sink.setting({ deviceKey: key, namespace: 'queue', key: 'scheduler_available', value: parseScheduler(ctx.text(name)!).available.join(','), mode: 'current', artifact: name });
    }
  }
}

function identifySettings(id: AtaIdentify): Record<string, string | number | boolean | null> {
  return {
    major_version: id.majorVersion, lba48: id.lba48, sectors: id.sectors, logical_sector_size: id.logicalSectorSize, physical_sector_size: id.physicalSectorSize, logical_sector_offset: id.logicalSectorOffset, ncq: id.ncq, queue_depth: id.queueDepth,
    ncq_send_receive: id.sata.ncqSendReceive, hipm: id.sata.hipm, dipm_supported: id.sata.dipmSupported, dipm_enabled: id.sata.dipmEnabled,
    devsleep: id.sata.devSleep, sata_max_gen: id.sata.maxGen, trim: id.trim, deterministic_read_after_trim: id.deterministicReadAfterTrim,
    zeroes_after_trim: id.zeroesAfterTrim, write_cache_supported: id.writeCacheSupported, write_cache_enabled: id.writeCacheEnabled,
    read_look_ahead_enabled: id.readLookAheadEnabled, smart_supported: id.smartSupported, smart_enabled: id.smartEnabled, fua: id.fua,
    'security.supported': id.security.supported, 'security.enabled': id.security.enabled, 'security.locked': id.security.locked,
    'security.frozen': id.security.frozen, rotation_rate: id.rotationRate, checksum_valid: id.checksumValid,
  };
}

function loadAtaDevice(ctx: LoadContext, name: string, disk: DiskLink | undefined): void {
  const dir = `sys/class/ata_device/${name}`;
  if (ctx.text(`${dir}/class`)?.trim() === 'none') return; // an empty port: no device behind it
  const key = `ata:${name}`;
  const target = ctx.text(`${dir}/${DIR_LINK_NAME}`);
  const id = ctx.parse(`${dir}/id`, 'ata-id', (d) => parseAtaIdentify(d.toString('utf8')));
  const inquiry = id?.model ? undefined : scsiNamed(ctx, disk);
  ctx.sink.device({
    key, class: 'ata', pciAddress: lastBdf(target ?? disk?.target), parentKey: lastBdf(target ?? disk?.target) ?? null,
    model: id?.model || inquiry?.model.model || null, serial: id?.serial || null,
    ...(id && namesDrive(id.serial) ? { drive: { bus: 'ATA', serial: id.serial, ...(id.wwn ? { wwn: id.wwn } : {}), named: 'kernel' } } : {}),
  });
  if (id?.firmware) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: id.firmware, state: 'running', artifact: `${dir}/id` });
  else if (inquiry?.rev) ctx.sink.firmware({ deviceKey: key, component: 'firmware', version: inquiryAtaFirmware(inquiry.rev), state: 'running', artifact: inquiry.revArtifact });
  if (inquiry?.model.cut) ctx.sink.issue('PARTIAL-MODEL', `${inquiry.modelArtifact}: the drive ${key} shows no IDENTIFY, only its SCSI disk's model "${inquiry.model.model.slice(0, -1)}": ${CUT_MODEL_WHY}`, inquiry.modelArtifact);
  if (inquiry?.rev && !placeholderRevision(inquiry.rev)) ctx.sink.issue('PARTIAL-FIRMWARE', `${inquiry.revArtifact}: the drive ${key} shows no IDENTIFY; its SCSI disk's revision is ${SCSI_REV_WHY}`, inquiry.revArtifact);
  if (id) recordSettings(ctx, key, 'ata', identifySettings(id), `${dir}/id`);
  const trim = ctx.parse(`${dir}/trim`, 'ata-trim', (d) => parseAtaTrimMode(d.toString('utf8')));
  if (trim) ctx.sink.setting({ deviceKey: key, namespace: 'ata', key: 'trim_mode', value: trim, mode: 'current', artifact: `${dir}/trim` });
  for (const a of attributesIn(ctx, dir).filter((x) => ATA_SYSFS.has(x))) {
    ctx.sink.setting({ deviceKey: key, namespace: 'sysfs', key: a, value: ctx.text(`${dir}/${a}`)!.trim(), mode: 'current', artifact: `${dir}/${a}` });
  }
  const link = target ? /\/(link\d+(?:\.\d+)?)\//.exec(target)?.[1] : undefined;
  if (link) sysfsSettings(ctx, key, `sys/class/ata_link/${link}`, new Set(), { prefix: 'link/' });
  const host = disk ? HOST.exec(disk.target)?.[1] : undefined;
  const lpm = host ? `sys/class/scsi_host/${host}/link_power_management_policy` : undefined;
  if (lpm && ctx.text(lpm) !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'ata', key: 'lpm_policy', value: ctx.text(lpm)!.trim(), mode: 'current', artifact: lpm });
}

/**
 * A libata drive whose IDENTIFY the tree lacks (no readable `id`): its SCSI disk's INQUIRY strings, which libata made of
 * IDENTIFY (vendor `ATA`, the model's first 16 characters, the firmware's last 4). Undefined when the disk is not one.
 */
function scsiNamed(ctx: LoadContext, disk: DiskLink | undefined): { model: { model: string; cut: boolean }; modelArtifact: string; rev?: string; revArtifact: string } | undefined {
  if (!disk) return undefined;
  const at = (a: string): string => `sys/block/${disk.disk}/device/${a}`;
  if (ctx.text(at('vendor'))?.trim() !== 'ATA') return undefined;
  const model = ctx.text(at('model'))?.trim();
  if (!model) return undefined;
  const rev = ctx.text(at('rev'))?.trim();
  return { model: inquiryAtaModel(model), modelArtifact: at('model'), ...(rev ? { rev } : {}), revArtifact: at('rev') };
}

export const ataLoader: ClassLoader = {
  name: 'ata',
  load(ctx) {
    const disks: DiskLink[] = instances(ctx, DISK).map((disk) => ({ disk, target: ctx.text(`sys/block/${disk}/${DIR_LINK_NAME}`) ?? '' }));
    const ataNames = instances(ctx, ATA_DEVICE);
    const diskOf = new Map<string, DiskLink>();
    const ataOf = new Map<string, string>();
    for (const d of disks) {
      const path = ataDiskPath(d.target);
      const ata = path ? ataDeviceOf(path, ataNames) : undefined;
      if (ata && ctx.text(`sys/class/ata_device/${ata}/class`)?.trim() !== 'none') {
        diskOf.set(ata, d);
        ataOf.set(d.disk, ata);
      }
    }
    for (const d of disks) loadDisk(ctx, d, ataOf.get(d.disk));
    for (const name of ataNames) loadAtaDevice(ctx, name, diskOf.get(name));
  },
};
