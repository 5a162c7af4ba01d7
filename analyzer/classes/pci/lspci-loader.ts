import type { LoadContext } from '../../load/types.js';
import { recordConfig, recordLink } from './config-facts.js';
import { parseLspciText, type LspciFunction } from './lspci-text.js';
import { lspciTree, lspciTreeBridges } from './lspci-tree.js';
import { CONFIG_HEADER_SIZE, parsePciConfig, type PciConfig } from './pci-config.js';

/** `cmd/lspci/<args>.out`: stored by a replay of a pasted output (collect --root) or by `fwsnap import`. */
const LSPCI_OUTPUT = /^cmd\/lspci\/([^/]*?)(?:@\d+)?\.out$/;

/** Lines not understood that are listed one by one; past that a file is most likely not lspci's text, and one summary says so. */
const MAX_LINE_ISSUES = 50;

/** What the config space and sysfs already gave of a function; those facts win over lspci's text. */
export interface FromSysfs {
  /** The function has a directory under sys/bus/pci/devices/ (its device row is written). */
  device: boolean;
  /** Its config space dump reached the capability list (longer than the 64-byte header). */
  capabilities: boolean;
  /** Its slot is known from sys/bus/pci/slots (setting pci.slot written). */
  slot?: boolean;
}

/** lspci's arguments from the stored name (`-D_-nnvvv`); tree (-t) and machine-readable (-m) forms are not this text. */
function argsOf(name: string): string[] {
  const m = LSPCI_OUTPUT.exec(name);
  return m && m[1] !== '_' ? m[1]!.split('_').map((w) => decodeURIComponent(w)) : [];
}

function isVerboseText(args: string[]): boolean {
  return !args.some((a) => /^-[a-zA-Z]*[tm]/.test(a));
}

/** A saved lspci -t: the bridge above each bus it shows, and what its NOT_READ says when it places no function. */
interface SavedTree {
  above: Map<string, string>;
  artifact: string;
  notRead: string;
  placed: boolean;
}

/**
 * A tree (`-t`) or machine-readable (`-m`) output is not read as the verbose text: one issue names it, so it is never
 * dropped unsaid. A tree saved under a name with no `-t` is told by its text and named the same, not listed line by line.
 * Of a tree, the bridge above each bus is kept (`trees`): it places the functions a verbose text shows without their
 * bridge, and is then read (its NOT_READ is said only when it placed none).
 */
function notRead(ctx: LoadContext, name: string, args: string[], trees: SavedTree[]): boolean {
  const tree = args.some((a) => /^-[a-zA-Z]*t/.test(a));
  const machine = !tree && args.some((a) => /^-[a-zA-Z]*m/.test(a));
  // Told from the text only where the name says no -t; the parse then records the artifact as read by the tree's reader.
  if (!tree && !machine && lspciTree(ctx.text(name) ?? '') === undefined) return false;
  const shown = machine ? undefined : ctx.parse(name, 'lspci-tree', (d) => lspciTree(d.toString('utf8')) ?? null);
  const above = machine ? undefined : lspciTreeBridges(ctx.text(name) ?? '');
  const what = machine
    ? 'lspci -m (machine-readable) output: kept, not read'
    : `lspci -t (bus tree) output${shown ? ` of ${shown.functions} function(s) under ${shown.roots.length === 1 ? `root bus ${shown.roots[0]}` : `${shown.roots.length} root buses`}` : ''}: kept, not read (it names no ids or config; lspci -vv or -vvv is read)`;
  if (above && above.size > 0) trees.push({ above, artifact: name, notRead: what, placed: false });
  else ctx.sink.issue('NOT_READ', what, name);
  return true;
}

/** How much a function's text shows: capability fields, then capabilities, then ids. */
function detail(f: LspciFunction): number {
  const fields = f.capabilities?.reduce((n, c) => n + (c.fields ? Object.keys(c.fields).length : 0), 0) ?? 0;
  return fields * 1000 + (f.capabilities?.length ?? 0) * 10 + (f.vendorId !== null ? 2 : 0) + (f.verbose ? 1 : 0);
}

interface Seen {
  fn: LspciFunction;
  artifact: string;
}

/**
 * Functions shown in lspci text outputs. A function shown by several outputs is recorded once, from the one
 * that shows most (ids taken from any that shows them); a function with config space in the bundle keeps
 * config space's facts, lspci's text only adds what the dump lacks.
 */
export function loadLspciOutputs(ctx: LoadContext, fromSysfs: ReadonlyMap<string, FromSysfs>): Set<string> {
  const byFunction = new Map<string, Seen[]>();
  const trees: SavedTree[] = [];
  for (const name of ctx.names(LSPCI_OUTPUT)) {
    const args = argsOf(name);
    if (notRead(ctx, name, args, trees)) continue;
    const selector = args[args.indexOf('-s') + 1];
    const parsed = ctx.parse(name, 'lspci-text', (d) => parseLspciText(d.toString('utf8'), args.includes('-s') && selector !== undefined ? { selector } : {}));
    if (!parsed) continue;
    for (const i of parsed.issues.slice(0, MAX_LINE_ISSUES)) ctx.sink.issue('PARSE-LINE', `lspci-text: line ${i.line} "${i.text}": ${i.message}`, name);
    if (parsed.issues.length > MAX_LINE_ISSUES) {
      ctx.sink.issue('PARSE-LINE', `lspci-text: ${parsed.issues.length - MAX_LINE_ISSUES} more lines not understood (the first ${MAX_LINE_ISSUES} are listed): is it lspci's text?`, name);
    }
    for (const fn of parsed.functions) {
      const seen = byFunction.get(fn.bdf) ?? [];
      seen.push({ fn, artifact: name });
      byFunction.set(fn.bdf, seen);
    }
  }
  const bridges = bridgesBySecondaryBus(byFunction);
  const treeAbove = (bus: string): { bridge: string; tree: SavedTree } | undefined => {
    const tree = trees.find((t) => t.above.has(bus));
    return tree && { bridge: tree.above.get(bus)!, tree };
  };
  const treeBridges = new Set<string>();
  for (const [bdf, seen] of byFunction) {
    const best = [...seen].sort((a, b) => detail(b.fn) - detail(a.fn))[0]!;
    const known = fromSysfs.get(bdf);
    recordVpd(ctx, bdf, seen);
    if (!known?.slot) recordSlot(ctx, bdf, seen);
    const hex = hexConfig(ctx, seen);
    if (!known?.device) {
      // lspci -t places a function the verbose text shows without its bridge (-v prints no bus numbers, an excerpt not the bridge).
      const fromTree = bridges.has(busOf(bdf)) ? undefined : treeAbove(busOf(bdf));
      if (fromTree) {
        fromTree.tree.placed = true;
        treeBridges.add(fromTree.bridge);
      }
      recordDevice(ctx, bdf, seen, best, bridges.get(busOf(bdf)) ?? fromTree?.bridge ?? null, hex?.config);
    }
    if (known?.capabilities) continue;
    // lspci's hex dump is config space itself: past the header it is decoded as the sysfs dump would be.
    if (hex && hex.config.length > CONFIG_HEADER_SIZE) {
      recordConfig(ctx, bdf, hex.bytes, hex.config, hex.artifact);
      continue;
    }
    // What config space would have said (its anomalies) when the bundle has no dump of it.
    for (const note of best.fn.notes) ctx.sink.issue('PCI-CONFIG', `${bdf}: lspci: ${note}`, best.artifact);
    recordCapabilities(ctx, bdf, best);
  }
  const recorded = new Set([...byFunction.keys(), ...fromSysfs.keys()]);
  recordTreeBridges(ctx, [...treeBridges], recorded, treeAbove);
  for (const t of trees) if (!t.placed) ctx.sink.issue('NOT_READ', t.notRead, t.artifact);
  return recorded;
}

/**
 * The bridges the tree puts above a function the verbose text shows, which no other output shows: a device row each (the
 * tree prints no ids nor a bridge's name), up the tree to the root bus, so the function's parent is a device of the bundle.
 */
function recordTreeBridges(ctx: LoadContext, start: string[], recorded: Set<string>, above: (bus: string) => { bridge: string } | undefined): void {
  for (let bridge of start) {
    while (!recorded.has(bridge)) {
      recorded.add(bridge);
      const up = above(busOf(bridge));
      ctx.sink.device({
        key: bridge, class: 'pci', pciAddress: bridge, parentKey: up?.bridge ?? null, vendorId: null, deviceId: null,
        subsystemVendorId: null, subsystemDeviceId: null, classCode: null, revision: null, driver: null,
      });
      if (!up) break;
      bridge = up.bridge;
    }
  }
}

/** The VPD of the output that shows most of it (sysfs' vpd file is kept as bytes, never read as settings). */
function recordVpd(ctx: LoadContext, bdf: string, seen: readonly Seen[]): void {
  const size = (s: Seen): number => (s.fn.vpd ? Object.keys(s.fn.vpd.fields).length + (s.fn.vpd.productName === null ? 0 : 1) : 0);
  const most = [...seen].sort((a, b) => size(b) - size(a))[0];
  const vpd = most?.fn.vpd;
  if (!most || !vpd) return;
  const set = (key: string, value: string): void => {
    if (value !== '') ctx.sink.setting({ deviceKey: bdf, namespace: 'pci.vpd', key, value, mode: 'current', artifact: most.artifact });
  };
  if (vpd.productName !== null) set('product_name', vpd.productName);
  for (const [k, v] of Object.entries(vpd.fields)) set(k, v);
}

/**
 * lspci -v's `Physical Slot: 3`: the name of the kernel's /sys/bus/pci/slots/<name> whose address is the function's
 * device. Stored whatever else wins, but for a function whose slot the bundle's sys/bus/pci/slots gave.
 */
function recordSlot(ctx: LoadContext, bdf: string, seen: readonly Seen[]): void {
  const shown = seen.find((s) => s.fn.physicalSlot !== null);
  if (shown) ctx.sink.setting({ deviceKey: bdf, namespace: 'pci.slot', key: 'name', value: shown.fn.physicalSlot!, mode: 'current', artifact: shown.artifact });
}

/** `0000:3b` of `0000:3b:00.0`. */
const busOf = (bdf: string): string => bdf.slice(0, bdf.lastIndexOf(':'));

/** The bridge above each bus, from the bridges' own `Bus: … secondary=NN` lines (domain:bus → bridge). */
function bridgesBySecondaryBus(byFunction: ReadonlyMap<string, Seen[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [bdf, seen] of byFunction) {
    const secondary = seen.find((s) => s.fn.secondaryBus !== null)?.fn.secondaryBus;
    if (secondary === undefined || secondary === null) continue;
    out.set(`${bdf.slice(0, bdf.indexOf(':'))}:${secondary.toString(16).padStart(2, '0')}`, bdf);
  }
  return out;
}

/** What lspci prints for a device its pci.ids does not know (`Device 1021`, `Device`, older `Unknown device 1021`): no name. */
const GENERIC_NAME = /^(?:Unknown )?[Dd]evice(?: [0-9a-f]{4})?$/;

function recordDevice(ctx: LoadContext, bdf: string, seen: Seen[], best: Seen, parentKey: string | null, config: PciConfig | undefined): void {
  const pick = <T>(get: (f: LspciFunction) => T | null): T | null => {
    const own = get(best.fn);
    if (own !== null) return own;
    for (const s of seen) {
      const v = get(s.fn);
      if (v !== null) return v;
    }
    return null;
  };
  ctx.sink.device({
    key: bdf,
    class: 'pci',
    pciAddress: bdf,
    parentKey,
    vendorId: config?.vendorId ?? pick((f) => f.vendorId),
    deviceId: config?.deviceId ?? pick((f) => f.deviceId),
    subsystemVendorId: config ? config.subsystemVendorId : pick((f) => f.subsystem?.vendorId ?? null),
    subsystemDeviceId: config ? config.subsystemDeviceId : pick((f) => f.subsystem?.deviceId ?? null),
    classCode: config?.classCode ?? pick((f) => f.classCode),
    revision: config?.revision ?? best.fn.revision,
    driver: pick((f) => f.driver),
  });
  const name = pick((f) => (f.description && !GENERIC_NAME.test(f.description) ? f.description : null));
  if (name !== null) ctx.sink.setting({ deviceKey: bdf, namespace: 'lspci', key: 'name', value: name, mode: 'current', artifact: best.artifact });
  const numa = pick((f) => f.numaNode);
  const group = pick((f) => f.iommuGroup);
  if (numa !== null) ctx.sink.setting({ deviceKey: bdf, namespace: 'sysfs', key: 'numa_node', value: String(numa), mode: 'current', artifact: best.artifact });
  if (group !== null) ctx.sink.setting({ deviceKey: bdf, namespace: 'sysfs', key: 'iommu_group', value: group, mode: 'current', artifact: best.artifact });
}

/** Config space as `lspci -x…` printed it (at least the 64-byte header), decoded; undefined when absent or unusable. */
function hexConfig(ctx: LoadContext, seen: Seen[]): { bytes: Uint8Array; config: PciConfig; artifact: string } | undefined {
  const longest = seen.filter((s) => (s.fn.configBytes?.length ?? 0) >= CONFIG_HEADER_SIZE)
    .sort((a, b) => b.fn.configBytes!.length - a.fn.configBytes!.length)[0];
  if (!longest) return undefined;
  try {
    return { bytes: longest.fn.configBytes!, config: parsePciConfig(longest.fn.configBytes!), artifact: longest.artifact };
  } catch (e) {
    ctx.sink.issue('PCI-CONFIG', `${longest.fn.bdf}: lspci -x dump: ${(e as Error).message}`, longest.artifact);
    return undefined;
  }
}

function recordCapabilities(ctx: LoadContext, bdf: string, { fn, artifact }: Seen): void {
  const shown = fn.excerptLink;
  if (shown && (shown.cap || shown.sta)) {
    recordLink(ctx.sink, {
      deviceKey: bdf, source: 'config', maxSpeedGts: shown.cap?.maxSpeedGts ?? null, maxWidth: shown.cap?.maxWidth ?? null,
      speedGts: shown.sta?.speedGts ?? null, width: shown.sta?.width ?? null, artifact,
    });
  }
  for (const c of fn.capabilities ?? []) {
    if (c.id === null) continue;
    const f = c.fields;
    const version = c.extended ? c.version : f?.kind === 'pm' ? f.version ?? null : f?.kind === 'express' ? f.capVersion ?? null : null;
    ctx.sink.row('pci_capability_rows', { device_key: bdf, cap_id: c.id, offset: c.offset, version, fields: f ? JSON.stringify(f) : null }, artifact);
    const link = f?.kind === 'express' ? f.link : undefined;
    if (link && (link.cap || link.sta)) {
      recordLink(ctx.sink, {
        deviceKey: bdf, source: 'config', maxSpeedGts: link.cap?.maxSpeedGts ?? null, maxWidth: link.cap?.maxWidth ?? null,
        speedGts: link.sta?.speedGts ?? null, width: link.sta?.width ?? null, artifact,
      });
    }
  }
}
