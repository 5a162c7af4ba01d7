import { nvmeCommand, savedNvmeCommand } from '../../../collector/classes/nvme/saved.js';
import { controllerOf } from '../../../collector/classes/nvme/nodes.js';
import { looksLikeJson } from '../../parsers/json-output.js';
import { recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { placeholderWwn } from '../../db/one-drive.js';
import { parseIdNsJson, parseIdNsText, type NvmeIdNs } from './nvme-id-ns.js';
import { ownDriveName, udevLink } from '../../parsers/drive-node.js';
import type { DeviceRow } from '../../db/rows.js';
import { linkNamespace, linkSerial } from './by-id-link.js';

/**
 * `/dev/nvme0n1`, `/dev/nvme0c1n1` (a path of a multipath namespace: controller 1), `/dev/nvme1` (with -n), a partition's
 * `/dev/nvme0n1p2` (its namespace's Identify data), the generic node `/dev/ng0n1`.
 */
const NODE = /^\/dev\/(?:nvme(\d+)(?:c(\d+))?(?:n(\d+)(?:p\d+)?)?|ng(\d+)n(\d+))$/;

interface Target {
  /** The block device the namespace is (`nvme0n1`). */
  disk: string;
  /** The controller the node names (`nvme0`; `nvme1` for `nvme0c1n1`). */
  controller: string;
  /** A by-id link's drive, when the link names no node: the controller device of its serial. */
  parentKey?: string;
}

/** The namespace an id-ns command read: its node, or a controller node with `-n N` / `--namespace-id=N` or the output's own heading. */
function target(argv: readonly string[], nsid: number | undefined): Target | undefined {
  const node = argv.find((a) => NODE.test(a));
  const m = node ? NODE.exec(node) : null;
  if (!m) return undefined;
  // A partition's node reads its namespace; the generic node `ng0n1` is namespace 1 of controller 0 too.
  const [sub, ctrl, ns] = [m[1] ?? m[4], m[2], m[3] ?? m[5]];
  const flag = argv.findIndex((a) => a === '-n' || a === '--namespace-id');
  const given = flag >= 0 ? argv[flag + 1] : argv.find((a) => a.startsWith('--namespace-id='))?.slice('--namespace-id='.length);
  const n = ns ?? (given !== undefined && /^\d+$/.test(given) ? given : nsid !== undefined ? String(nsid) : undefined);
  if (n === undefined) return undefined;
  return { disk: ctrl !== undefined && ns !== undefined ? `nvme${sub}c${ctrl}n${n}` : `nvme${sub}n${n}`, controller: controllerOf(node!)! };
}

/**
 * The namespace an id-ns run on a by-id link read (`nvme id-ns /dev/disk/by-id/nvme-<model>_<serial>[_<nsid>]`): merged
 * with its controller by serial as id-ctrl on such a link is. The controller of the serial the link names (or of the drive
 * an id-ctrl on the link made) under its node's name gives the namespace its block device (`nvme0n1`); a drive known by
 * no node is the link's (`nvme:nvme-<serial>`, declared as what it gives of itself, so it folds into the device of that
 * serial), its namespace `nvme-<serial>n<nsid>`; a namespace the link, -n and the output leave unnamed, or a link naming
 * no serial (`nvme-eui.…`), is keyed by the link (`disk-by-id-nvme-eui.…`).
 */
function linkTarget(ctx: LoadContext, argv: readonly string[], nsid: number | undefined, controllers: DeviceRow[]): Target | undefined {
  const link = argv.find((a) => udevLink(a) && /\/nvme-[^/]+$/.test(a));
  if (link === undefined) return undefined;
  const flag = argv.findIndex((a) => a === '-n' || a === '--namespace-id');
  const given = flag >= 0 ? argv[flag + 1] : argv.find((a) => a.startsWith('--namespace-id='))?.slice('--namespace-id='.length);
  const n = given !== undefined && /^\d+$/.test(given) ? Number(given) : linkNamespace(link) ?? nsid;
  const byLink = link.slice('/dev/'.length).replace(/\//g, '-');
  const serial = linkSerial(link);
  const own = serial === undefined ? undefined : `nvme:${ownDriveName('nvme', serial)}`;
  const ofSerial = controllers.filter((c) => serial !== undefined && c.serial?.trim() === serial);
  const node = ofSerial.find((c) => /^nvme:nvme\d+$/.test(c.key));
  if (node && n !== undefined) return { disk: `${node.key.slice('nvme:'.length)}n${n}`, controller: node.key.slice('nvme:'.length) };
  const ctrl = node ?? ofSerial[0] ?? controllers.find((c) => c.key === `nvme:${byLink}`);
  if (!ctrl && own !== undefined && !ctx.devices().some((d) => d.key === own)) {
    ctx.sink.device({ key: own, class: 'nvme', serial: serial!, drive: { bus: 'NVMe', serial: serial!, named: 'own' } });
  }
  const parentKey = ctrl?.key ?? own;
  const disk = n !== undefined && own !== undefined && parentKey === own ? `${ownDriveName('nvme', serial!)}n${n}` : byLink;
  return { disk, controller: parentKey?.slice('nvme:'.length) ?? byLink, ...(parentKey !== undefined ? { parentKey } : {}) };
}

const times = (blocks: number | string | undefined, size: number | undefined): number | string | undefined => {
  if (blocks === undefined || !size) return undefined;
  const n = BigInt(blocks) * BigInt(size);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
};
const bit = (v: number | undefined, b: number): boolean | undefined => (v === undefined ? undefined : ((v >> b) & 1) === 1);
/** An identifier of all zeros is one the namespace does not report. */
const identifier = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : /^[0-]*$/.test(v) ? null : v.toLowerCase());

/** The rows a support engineer reads off Identify Namespace. */
function settingsOf(ns: NvmeIdNs): Record<string, string | number | boolean | null | string[] | undefined> {
  const used = ns.inUseFormat === undefined ? undefined : ns.lbaFormats.find((f) => f.index === ns.inUseFormat);
  const dataBytes = used?.dataBytes || undefined;
  return {
    nsid: ns.nsid,
    size_blocks: ns.nsze, capacity_blocks: ns.ncap, used_blocks: ns.nuse,
    block_size: dataBytes, metadata_size: used?.metadataBytes, relative_performance: used?.relativePerformance, lba_format: ns.inUseFormat,
    size_bytes: times(ns.nsze, dataBytes), capacity_bytes: times(ns.ncap, dataBytes), used_bytes: times(ns.nuse, dataBytes),
    nvm_capacity_bytes: ns.nvmcap,
    lba_formats: ns.lbaFormats.length ? ns.lbaFormats.map((f) => `${f.index}:${f.dataBytes}+${f.metadataBytes}:rp${f.relativePerformance}`) : undefined,
    metadata_extended: bit(ns.flbas, 4),
    protection_type: ns.dps === undefined ? undefined : ns.dps & 7,
    protection_first_bytes: bit(ns.dps, 3),
    protection_types_supported: ns.dpc === undefined ? undefined : [1, 2, 3].filter((t) => bit(ns.dpc, t - 1)).map((t) => `type${t}`),
    thin_provisioning: bit(ns.nsfeat, 0),
    shared: bit(ns.nmic, 0),
    write_protected: bit(ns.nsattr, 0),
    nguid: identifier(ns.nguid), eui64: identifier(ns.eui64),
    nsfeat: ns.nsfeat, flbas: ns.flbas, mc: ns.mc, dpc: ns.dpc, dps: ns.dps, nmic: ns.nmic, rescap: ns.rescap, fpi: ns.fpi, dlfeat: ns.dlfeat,
    anagrpid: ns.anagrpid, nvmsetid: ns.nvmsetid, endgid: ns.endgid, nawun: ns.nawun, nawupf: ns.nawupf,
    npwg: ns.npwg, npwa: ns.npwa, npdg: ns.npdg, npda: ns.npda, nows: ns.nows, mssrl: ns.mssrl, mcl: ns.mcl, msrc: ns.msrc,
  };
}

const parsed = new WeakMap<LoadContext, Map<string, NvmeIdNs | undefined>>();

/** An id-ns output's facts, read once (the nvme loader reads namespace 1's EUI-64 before this loader stores the rows). */
function parse(ctx: LoadContext, name: string): NvmeIdNs | undefined {
  const read = parsed.get(ctx) ?? new Map<string, NvmeIdNs | undefined>();
  parsed.set(ctx, read);
  if (!read.has(name)) read.set(name, parseOnce(ctx, name));
  return read.get(name);
}

function parseOnce(ctx: LoadContext, name: string): NvmeIdNs | undefined {
  if (looksLikeJson(ctx.text(name) ?? '')) return ctx.parse(name, 'nvme-id-ns-json', (d) => parseIdNsJson(d.toString('utf8')));
  const t = ctx.parse(name, 'nvme-id-ns-text', (d) => parseIdNsText(d.toString('utf8')));
  if (t) recordLineIssues(ctx, name, 'nvme-id-ns-text', t.issues);
  return t;
}

/** The id-ns outputs of the bundle with the command each stands for. */
function idNsOutputs(ctx: LoadContext): { name: string; argv: readonly string[] }[] {
  const out: { name: string; argv: readonly string[] }[] = [];
  for (const name of ctx.names(/^cmd\/nvme\/[^/]+\.out$/)) {
    const origin = ctx.record(name)?.origin;
    const argv = origin?.kind === 'cmd' ? nvmeCommand(origin.argv.slice(1))?.argv : savedNvmeCommand(name)?.argv;
    if (argv?.[1] === 'id-ns') out.push({ name, argv: origin?.kind === 'cmd' ? origin.argv : argv });
  }
  return out;
}

/**
 * The IEEE EUI-64 of a controller's namespace 1, the drive's world wide name as smartctl prints it (`Namespace 1 IEEE
 * EUI-64`): from sysfs (`nvme0n1/eui`) or a saved `nvme id-ns` of that namespace; none when all zeros or a placeholder.
 */
export function namespaceOneEui(ctx: LoadContext, ctrl: string): string | undefined {
  const sys = ctx.under(`sys/class/nvme/${ctrl}/`).find((n) => /\/nvme\d+(?:c\d+)?n1\/eui$/.test(n));
  const fromSys = sys === undefined ? undefined : ctx.text(sys)?.replace(/\s+/g, '').toLowerCase();
  const fromTool = fromSys ? undefined : idNsOutputs(ctx).map(({ name, argv }) => {
    const ns = parse(ctx, name);
    const t = ns && target(argv, ns.nsid);
    return t?.controller === ctrl && /n1$/.test(t.disk) ? ns!.eui64?.replace(/\s+/g, '').toLowerCase() : undefined;
  }).find(Boolean);
  const eui = fromSys ?? fromTool;
  return eui && /^[0-9a-f]{16}$/.test(eui) && !placeholderWwn(eui) ? eui : undefined;
}

/**
 * `nvme id-ns` outputs (a report's, or saved in a captured tree): one block device per namespace (`block:nvme0n1`, the
 * device the ata class loads from sysfs too), its parent the controller its node names — or the bundle's only controller
 * when that one is not in the bundle — with the namespace's Identify data under `nvme.id-ns`.
 */
export const nvmeIdNsLoader: ClassLoader = {
  name: 'nvme-id-ns',
  load(ctx) {
    const done = new Set<string>();
    const controllers = ctx.devices().filter((d) => d.class === 'nvme');
    for (const { name, argv } of idNsOutputs(ctx)) {
      const ns = parse(ctx, name);
      if (!ns) continue;
      const t = target(argv, ns.nsid) ?? linkTarget(ctx, argv, ns.nsid, controllers);
      if (!t) {
        ctx.sink.issue('NVME-NAMESPACE', `nvme id-ns output names no namespace (a controller node without -n and no "NVME Identify Namespace N:" heading); not stored`, name);
        continue;
      }
      const key = `block:${t.disk}`;
      if (done.has(key)) continue;
      done.add(key);
      const parent = controllers.find((c) => c.key === `nvme:${t.controller}`) ?? (controllers.length === 1 ? controllers[0] : undefined);
      ctx.sink.device({ key, class: 'block', parentKey: t.parentKey ?? parent?.key ?? null });
      recordSettings(ctx, key, 'nvme.id-ns', settingsOf(ns), name);
    }
  },
};
